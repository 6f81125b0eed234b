using GrainCompute.Kernels;

namespace GrainCompute.Testing;

public sealed class OddOnlyParameters
{
    public long N { get; set; } = 1;
}

/// <summary>A kernel that fails at run time for some parameters: its one item is n, and an even n throws.</summary>
public sealed class OddOnlyKernel : Kernel<OddOnlyParameters, long>
{
    public override string Name => "odd-only";

    public override string Description => "n, or an error for an even n";

    public override ReductionKind Reduction => ReductionKind.Sum;

    public override long ItemCount(OddOnlyParameters parameters) => 1;

    public override void RunChunk(OddOnlyParameters parameters, long start, Span<long> results, CancellationToken cancellationToken) =>
        results[0] = parameters.N % 2 == 0 ? throw new InvalidOperationException($"{parameters.N} is even") : parameters.N;

    protected override double EstimateItemNanoseconds(OddOnlyParameters parameters) => 1;
}
