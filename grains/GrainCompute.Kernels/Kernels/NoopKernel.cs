namespace GrainCompute.Kernels;

internal sealed class NoopParameters
{
    [KernelParameterDescription("Number of items, 1..10^10.")]
    public long N { get; set; } = 100_000;

    [KernelParameterDescription("Items per chunk to suggest, 0 = automatic; set it to measure per-chunk overhead.")]
    public int ChunkSize { get; set; }
}

/// <summary>Does nothing: every item is 0. Jobs over it measure the runtime's per-item and per-chunk overhead.</summary>
internal sealed class NoopKernel : Kernel<NoopParameters, int>
{
    public override string Name => "noop";

    public override string Description => "Every item is 0; measures scheduling and messaging overhead";

    public override ReductionKind Reduction => ReductionKind.Sum;

    public override long ItemCount(NoopParameters parameters) => parameters.N;

    public override void RunChunk(NoopParameters parameters, long start, Span<int> results, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        results.Clear();
    }

    protected override double EstimateItemNanoseconds(NoopParameters parameters) =>
        parameters.ChunkSize > 0 ? 25e6 / parameters.ChunkSize : 0.5;

    protected override void Validate(NoopParameters parameters)
    {
        if (parameters.N is < 1 or > 10_000_000_000)
        {
            throw Invalid("n", "n must be ≥ 1 and ≤ 10^10");
        }

        if (parameters.ChunkSize is < 0 or > 1 << 20)
        {
            throw Invalid("chunkSize", "chunkSize must be ≥ 0 and ≤ 1048576");
        }
    }
}
