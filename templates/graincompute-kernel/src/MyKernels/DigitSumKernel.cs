using GrainCompute.Kernels;

namespace MyKernels;

/// <summary>
/// The sum of the digits of each of 1..n in a given base; the job's result is their total
/// (1..100 in base 10: 901; 1..10^6: 27,000,001).
/// </summary>
/// <remarks>
/// A silo registers every public, non-abstract kernel type of a pack that has a public parameterless
/// constructor, under its <see cref="Name"/>. Items depend only on their index and the parameters, so the
/// result is the same whatever the chunk split: that is what lets the job grain spread chunks over silos.
/// </remarks>
public sealed class DigitSumKernel : Kernel<DigitSumParameters, int>
{
    /// <summary>The name jobs submit; keep it stable, clients and scripts use it.</summary>
    public override string Name => "digit-sum";

    public override string Description => "Digit sum of each of 1..n in a base; result: their total";

    public override ReductionKind Reduction => ReductionKind.Sum;

    public override long ItemCount(DigitSumParameters parameters) => parameters.N;

    public override void RunChunk(DigitSumParameters parameters, long start, Span<int> results, CancellationToken cancellationToken)
    {
        for (var i = 0; i < results.Length; i++)
        {
            // Checking every item would cost more than the item; every 4096th still stops within microseconds.
            if ((i & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var x = start + i + 1;
            var sum = 0;
            while (x > 0)
            {
                sum += (int)(x % parameters.Base);
                x /= parameters.Base;
            }

            results[i] = sum;
        }
    }

    /// <summary>About ten divisions per item; the base class turns this into ~25 ms chunks.</summary>
    protected override double EstimateItemNanoseconds(DigitSumParameters parameters) => 20;

    protected override void Validate(DigitSumParameters parameters)
    {
        if (parameters.N is < 1 or > 1_000_000_000)
        {
            throw Invalid("n", "n must be ≥ 1 and ≤ 10^9");
        }

        if (parameters.Base is < 2 or > 36)
        {
            throw Invalid("base", "base must be ≥ 2 and ≤ 36");
        }
    }
}
