namespace GrainCompute.Kernels;

internal sealed class MonteCarloPiParameters
{
    [KernelParameterDescription("Total random points in the unit square, 1..10^12.")]
    public long Samples { get; set; } = 100_000_000;

    [KernelParameterDescription("Seed; block k draws from its own stream derived from (seed, k).")]
    public long Seed { get; set; } = 42;

    [KernelParameterDescription("Points per item (block), 1..10^9.")]
    public int BlockSize { get; set; } = 1_000_000;
}

/// <summary>
/// Seed 002's <c>monte_carlo_pi.py</c>: item k counts the points of block k inside the quarter circle;
/// π ≈ 4 · hits / samples. Blocks own their random streams, so the estimate is the same for any chunking.
/// </summary>
internal sealed class MonteCarloPiKernel : Kernel<MonteCarloPiParameters, long>
{
    public override string Name => "montecarlo-pi";

    public override string Description => "Monte Carlo estimate of π from points in the unit square, per block of samples";

    public override ReductionKind Reduction => ReductionKind.Custom;

    public override long ItemCount(MonteCarloPiParameters parameters) => SampleBlocks.Count(parameters.Samples, parameters.BlockSize);

    public override void RunChunk(MonteCarloPiParameters parameters, long start, Span<long> results, CancellationToken cancellationToken)
    {
        for (var i = 0; i < results.Length; i++)
        {
            var block = start + i;
            var samples = SampleBlocks.SizeOf(block, parameters.Samples, parameters.BlockSize);
            var random = new BlockRandom(parameters.Seed, block);
            long hits = 0;
            for (var s = 0; s < samples; s++)
            {
                if ((s & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var x = random.NextDouble();
                var y = random.NextDouble();

                // Branch-free: a hit is a coin flip at π/4, which a branch predictor cannot learn.
                hits += (x * x) + (y * y) <= 1.0 ? 1 : 0;
            }

            results[i] = hits;
        }
    }

    protected override object? ReduceCustom(MonteCarloPiParameters parameters, IReadOnlyList<byte[]> chunksInInputOrder) =>
        4.0 * SampleBlocks.Total(chunksInInputOrder) / parameters.Samples;

    protected override double EstimateItemNanoseconds(MonteCarloPiParameters parameters) => parameters.BlockSize * 4.0;

    protected override void Validate(MonteCarloPiParameters parameters) =>
        SampleBlocks.Validate(parameters.Samples, parameters.BlockSize);
}
