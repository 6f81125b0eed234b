using GrainCompute.Kernels;

namespace GrainCompute.Server.Api;

/// <summary>A kernel in the catalog: what it computes, its parameters with defaults, how results combine.</summary>
public sealed record KernelInfo(string Name, string Description, string Reduction, IReadOnlyList<KernelParameter> Parameters)
{
    public static KernelInfo From(IKernel kernel) => new(kernel.Name, kernel.Description, kernel.Reduction.ToString().ToLowerInvariant(), kernel.Parameters);
}
