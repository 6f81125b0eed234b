namespace GrainCompute.Kernels;

internal sealed class EulerEParameters
{
    [KernelParameterDescription("Number of trials, 1..10^12.")]
    public long Samples { get; set; } = 10_000_000;

    [KernelParameterDescription("Seed; block k draws from its own stream derived from (seed, k).")]
    public long Seed { get; set; } = 42;

    [KernelParameterDescription("Trials per item (block), 1..10^9.")]
    public int BlockSize { get; set; } = 1_000_000;
}

/// <summary>
/// Seed 002's exercise "estimate e without exp or log": the number of uniforms U₁+U₂+… needed to
/// exceed 1 has expectation e. Item k is the total count of uniforms drawn by block k's trials;
/// e ≈ total / samples. No exp, no log, no factorials: only additions and comparisons.
/// </summary>
internal sealed class EulerEKernel : Kernel<EulerEParameters, long>
{
    public override string Name => "euler-e";

    public override string Description => "Monte Carlo estimate of e: mean count of uniforms whose sum first exceeds 1";

    public override ReductionKind Reduction => ReductionKind.Custom;

    public override long ItemCount(EulerEParameters parameters) => SampleBlocks.Count(parameters.Samples, parameters.BlockSize);

    public override void RunChunk(EulerEParameters parameters, long start, Span<long> results, CancellationToken cancellationToken)
    {
        for (var i = 0; i < results.Length; i++)
        {
            var block = start + i;
            var trials = SampleBlocks.SizeOf(block, parameters.Samples, parameters.BlockSize);
            var random = new BlockRandom(parameters.Seed, block);
            long draws = 0;
            for (var t = 0; t < trials; t++)
            {
                if ((t & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var sum = 0.0;
                while (sum <= 1.0)
                {
                    sum += random.NextDouble();
                    draws++;
                }
            }

            results[i] = draws;
        }
    }

    protected override object? ReduceCustom(EulerEParameters parameters, IReadOnlyList<byte[]> chunksInInputOrder) =>
        (double)SampleBlocks.Total(chunksInInputOrder) / parameters.Samples;

    protected override double EstimateItemNanoseconds(EulerEParameters parameters) => parameters.BlockSize * 8.0;

    protected override void Validate(EulerEParameters parameters) =>
        SampleBlocks.Validate(parameters.Samples, parameters.BlockSize);
}
