namespace GrainCompute.Kernels;

internal sealed class SumPrimesParameters
{
    [KernelParameterDescription("One item per number: the sum of the primes ≤ it. Each 0 ≤ number ≤ 10^10.")]
    public long[] Numbers { get; set; } = [100_000, 200_000, 300_000];
}

/// <summary>Seed 004's <c>find_sum(num)</c> mapped over <c>nums</c>: 454396537, 1709600813, 3709507114.</summary>
internal sealed class SumPrimesKernel : Kernel<SumPrimesParameters, long>
{
    public override string Name => "sumprimes";

    public override string Description => "For each number, the sum of the primes ≤ it (segmented sieve)";

    public override ReductionKind Reduction => ReductionKind.None;

    public override long ItemCount(SumPrimesParameters parameters) => parameters.Numbers.Length;

    public override void RunChunk(SumPrimesParameters parameters, long start, Span<long> results, CancellationToken cancellationToken)
    {
        var segment = new bool[PrimeSieve.DefaultSegment];
        for (var i = 0; i < results.Length; i++)
        {
            var limit = parameters.Numbers[start + i];
            var basePrimes = PrimeSieve.BasePrimes((long)PrimeSieve.IntegerSqrt((ulong)Math.Max(limit, 0)));
            results[i] = PrimeSieve.CountAndSum(2, limit, basePrimes, segment, cancellationToken).Sum;
        }
    }

    protected override double EstimateItemNanoseconds(SumPrimesParameters parameters)
    {
        double total = 0;
        foreach (var number in parameters.Numbers)
        {
            total += number;
        }

        return 3.0 * total / Math.Max(1, parameters.Numbers.Length);
    }

    protected override void Validate(SumPrimesParameters parameters)
    {
        if (parameters.Numbers.Length == 0)
        {
            throw Invalid("numbers", "numbers must hold at least one number");
        }

        foreach (var number in parameters.Numbers)
        {
            if (number is < 0 or > 10_000_000_000)
            {
                throw Invalid("numbers", $"numbers must each be ≥ 0 and ≤ 10^10 (got {number})");
            }
        }
    }
}
