namespace GrainCompute.Kernels;

/// <summary>
/// Segmented sieve of Eratosthenes: primes in [low, high] using base primes up to √high and one
/// cache-sized segment buffer, so memory stays small however large the range.
/// </summary>
internal static class PrimeSieve
{
    public const int DefaultSegment = 1 << 16;

    /// <summary>Primes ≤ <paramref name="limit"/> by a plain sieve (limit is √ of a range end: small).</summary>
    public static int[] BasePrimes(long limit)
    {
        if (limit < 2)
        {
            return [];
        }

        var composite = new bool[limit + 1];
        var primes = new List<int>();
        for (var i = 2; i <= limit; i++)
        {
            if (composite[i])
            {
                continue;
            }

            primes.Add(i);
            for (var m = (long)i * i; m <= limit; m += i)
            {
                composite[m] = true;
            }
        }

        return [.. primes];
    }

    /// <summary>Counts and sums the primes in [low, high]; basePrimes must reach √high.</summary>
    public static (long Count, long Sum) CountAndSum(
        long low, long high, ReadOnlySpan<int> basePrimes, Span<bool> segment, CancellationToken cancellationToken)
    {
        long count = 0;
        long sum = 0;
        low = Math.Max(low, 2);
        for (var segmentLow = low; segmentLow <= high; segmentLow += segment.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var segmentHigh = Math.Min(high, segmentLow + segment.Length - 1);
            var span = segment[..(int)(segmentHigh - segmentLow + 1)];
            span.Clear();
            foreach (var p in basePrimes)
            {
                var square = (long)p * p;
                if (square > segmentHigh)
                {
                    break;
                }

                var first = Math.Max(square, (segmentLow + p - 1) / p * p);
                for (var m = first - segmentLow; m < span.Length; m += p)
                {
                    span[(int)m] = true;
                }
            }

            for (var i = 0; i < span.Length; i++)
            {
                if (!span[i])
                {
                    count++;
                    sum = checked(sum + segmentLow + i);
                }
            }
        }

        return (count, sum);
    }

    /// <summary>⌊√n⌋ exactly (the double estimate can be off by one for large n).</summary>
    public static ulong IntegerSqrt(ulong n)
    {
        var r = (ulong)Math.Sqrt(n);
        while (r > 0 && r * r > n)
        {
            r--;
        }

        while ((r + 1) * (r + 1) <= n)
        {
            r++;
        }

        return r;
    }
}
