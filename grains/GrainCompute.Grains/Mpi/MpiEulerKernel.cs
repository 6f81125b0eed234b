using GrainCompute.Kernels;

namespace GrainCompute.Grains.Mpi;

internal sealed class MpiEulerParameters : IMpiRunParameters
{
    [KernelParameterDescription(IMpiRunParameters.RanksDescription)]
    public int Ranks { get; set; } = 4;

    [KernelParameterDescription("Number of trials, 1..10^12.")]
    public long Samples { get; set; } = 10_000_000;

    [KernelParameterDescription("Seed; block k draws from stream (seed, k), as euler-e's blocks do.")]
    public long Seed { get; set; } = 42;

    [KernelParameterDescription("Trials per block (the unit dealt to ranks), 1..10^9.")]
    public int BlockSize { get; set; } = 1_000_000;

    [KernelParameterDescription(IMpiRunParameters.TimeoutDescription)]
    public int TimeoutSeconds { get; set; } = 60;
}

/// <summary>Seed 002's exercise "estimate e without exp or log" under mpiexec, with a sum reduction; result: the e estimate.</summary>
internal sealed class MpiEulerKernel(MpiSidecar sidecar) : MpiKernel<MpiEulerParameters>(sidecar)
{
    public override string Name => "mpi-euler";

    public override string Example => "euler";

    public override string Description => "Monte Carlo e on the MPI sidecar: mean count of uniforms summing past 1, Reduce(sum); result: the estimate";

    protected override Dictionary<string, string> ExampleParameters(MpiEulerParameters parameters) => new()
    {
        ["samples"] = Text(parameters.Samples),
        ["seed"] = Text(parameters.Seed),
        ["block"] = Text(parameters.BlockSize),
    };

    protected override void ValidateExample(MpiEulerParameters parameters)
    {
        Require(parameters.Samples is >= 1 and <= 1_000_000_000_000, "samples", "samples must be ≥ 1 and ≤ 10^12");
        Require(parameters.BlockSize is >= 1 and <= 1_000_000_000, "blockSize", "blockSize must be ≥ 1 and ≤ 10^9");
    }
}
