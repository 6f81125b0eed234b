namespace GrainCompute.Kernels;

internal sealed class IsPrimeParameters
{
    [KernelParameterDescription("The number to test, 2 ≤ n ≤ 2^63−1.")]
    public long N { get; set; } = 489133282872437279;

    [KernelParameterDescription("How many sub-intervals of candidate divisors [2, ⌊√n⌋] to split into (items), 1..1,000,000.")]
    public int Intervals { get; set; } = 256;
}

/// <summary>The outcome of <c>isprime</c>.</summary>
/// <param name="Factor">A factor of n found by the intervals that ran (the smallest when all ran); null when prime.</param>
public sealed record IsPrimeResult(long N, bool IsPrime, long? Factor);

/// <summary>
/// Seed 001's <c>is_primeP(n, a, b)</c> over sub-intervals: item k trial-divides n by the candidates of
/// interval k (2, 3 and 6k±1 only). An item is the smallest such divisor in its interval, 0 if none, so
/// "no factor in this interval" is item == 0; Reduction All, and a non-zero item decides the job.
/// </summary>
internal sealed class IsPrimeKernel : Kernel<IsPrimeParameters, ulong>
{
    public override string Name => "isprime";

    public override string Description => "Trial division of n over sub-intervals of [2, √n]; one interval per item, stops at the first factor";

    public override ReductionKind Reduction => ReductionKind.All;

    public override long ItemCount(IsPrimeParameters parameters) => Layout(parameters).Count;

    public override void RunChunk(IsPrimeParameters parameters, long start, Span<ulong> results, CancellationToken cancellationToken)
    {
        var (count, width, root) = Layout(parameters);
        var n = (ulong)parameters.N;
        for (var i = 0; i < results.Length; i++)
        {
            var k = (ulong)(start + i);
            var low = 2 + (k * width);
            var high = Math.Min(root, low + width - 1);
            results[i] = count == 0 || low > high ? 0 : SmallestDivisor(n, low, high, cancellationToken);
        }
    }

    public override object? Reduce(IsPrimeParameters parameters, IReadOnlyList<byte[]> chunksInInputOrder)
    {
        ulong factor = 0;
        foreach (var chunk in chunksInInputOrder)
        {
            foreach (var item in ItemCodec<ulong>.Decode(chunk))
            {
                if (item != 0 && (factor == 0 || item < factor))
                {
                    factor = item;
                }
            }
        }

        return new IsPrimeResult(parameters.N, factor == 0, factor == 0 ? null : (long)factor);
    }

    protected override bool IsTrue(ulong item) => item == 0;

    protected override double EstimateItemNanoseconds(IsPrimeParameters parameters) =>
        Math.Max(1, Layout(parameters).Width) / 3.0 * 6; // ~12 multiplications per 6k±1 candidate

    protected override void Validate(IsPrimeParameters parameters)
    {
        if (parameters.N < 2)
        {
            throw Invalid("n", "n must be ≥ 2");
        }

        if (parameters.Intervals is < 1 or > 1_000_000)
        {
            throw Invalid("intervals", "intervals must be ≥ 1 and ≤ 1000000");
        }
    }

    /// <summary>Candidates [2, root] in equal intervals of <c>Width</c>; never more intervals than candidates.</summary>
    private static (long Count, ulong Width, ulong Root) Layout(IsPrimeParameters parameters)
    {
        var root = PrimeSieve.IntegerSqrt((ulong)Math.Max(parameters.N, 0));
        if (root < 2)
        {
            return (1, 0, root); // n = 2 or 3: no candidates, one empty interval.
        }

        var candidates = root - 1;
        var count = Math.Min((ulong)parameters.Intervals, candidates);
        var width = (candidates + count - 1) / count;
        return ((long)count, width, root);
    }

    private static ulong SmallestDivisor(ulong n, ulong low, ulong high, CancellationToken cancellationToken)
    {
        if (low <= 2 && high >= 2 && n % 2 == 0)
        {
            return 2;
        }

        if (low <= 3 && high >= 3 && n % 3 == 0)
        {
            return 3;
        }

        var from = Math.Max(low, 5);

        // Every prime ≥ 5 is 6m−1 or 6m+1; start at the block whose 6m−1 is at or just below `from`.
        var steps = 0;
        for (var six = (from + 1) / 6 * 6; six - 1 <= high; six += 6)
        {
            if ((++steps & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var minus = six - 1;
            if (minus >= from && OddDivisor.Divides(n, minus))
            {
                return minus;
            }

            var plus = six + 1;
            if (plus >= from && plus <= high && OddDivisor.Divides(n, plus))
            {
                return plus;
            }
        }

        return 0;
    }
}
