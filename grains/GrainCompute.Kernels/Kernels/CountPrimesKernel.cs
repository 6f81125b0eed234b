namespace GrainCompute.Kernels;

internal sealed class CountPrimesParameters
{
    [KernelParameterDescription("Count the primes ≤ n, 2 ≤ n ≤ 10^12.")]
    public long N { get; set; } = 1_000_000;

    [KernelParameterDescription("Numbers per item (one sieve segment), 1024..16777216.")]
    public int RangeSize { get; set; } = 1 << 16;
}

/// <summary>
/// Seed 002's <c>parallel_count_primes(n, m)</c>, without its lost updates: item k counts the primes in
/// [k·rangeSize, (k+1)·rangeSize) ∩ [0, n] with a segmented sieve; the counts sum to π(n).
/// </summary>
internal sealed class CountPrimesKernel : Kernel<CountPrimesParameters, int>
{
    public override string Name => "countprimes";

    public override string Description => "π(n): primes ≤ n, counted per range of numbers by a segmented sieve";

    public override ReductionKind Reduction => ReductionKind.Sum;

    public override long ItemCount(CountPrimesParameters parameters) => (parameters.N / parameters.RangeSize) + 1;

    public override void RunChunk(CountPrimesParameters parameters, long start, Span<int> results, CancellationToken cancellationToken)
    {
        var size = parameters.RangeSize;
        var chunkHigh = Math.Min(parameters.N, ((start + results.Length) * size) - 1);
        var basePrimes = PrimeSieve.BasePrimes((long)PrimeSieve.IntegerSqrt((ulong)chunkHigh));
        var segment = new bool[size];
        for (var i = 0; i < results.Length; i++)
        {
            var low = (start + i) * size;
            var high = Math.Min(parameters.N, low + size - 1);
            results[i] = (int)PrimeSieve.CountAndSum(low, high, basePrimes, segment, cancellationToken).Count;
        }
    }

    protected override double EstimateItemNanoseconds(CountPrimesParameters parameters) => parameters.RangeSize * 3.0;

    protected override void Validate(CountPrimesParameters parameters)
    {
        if (parameters.N is < 2 or > 1_000_000_000_000)
        {
            throw Invalid("n", "n must be ≥ 2 and ≤ 10^12");
        }

        if (parameters.RangeSize is < 1024 or > 1 << 24)
        {
            throw Invalid("rangeSize", "rangeSize must be ≥ 1024 and ≤ 16777216");
        }
    }
}
