namespace GrainCompute.Mpi.Examples.Numerics;

/// <summary>Counts primes in [low, high] with a cache-sized segment, so a rank's memory stays small for any n.</summary>
internal static class SegmentedSieve
{
    private const int _segment = 1 << 16;

    public static long Count(long low, long high)
    {
        low = Math.Max(low, 2);
        if (high < low)
        {
            return 0;
        }

        var basePrimes = BasePrimes((long)Math.Sqrt(high) + 1);
        var composite = new bool[_segment];
        long count = 0;
        for (var segmentLow = low; segmentLow <= high; segmentLow += _segment)
        {
            var span = composite.AsSpan(0, (int)(Math.Min(high, segmentLow + _segment - 1) - segmentLow + 1));
            span.Clear();
            foreach (var p in basePrimes)
            {
                var square = (long)p * p;
                if (square > segmentLow + span.Length - 1)
                {
                    break;
                }

                for (var m = Math.Max(square, (segmentLow + p - 1) / p * p) - segmentLow; m < span.Length; m += p)
                {
                    span[(int)m] = true;
                }
            }

            count += span.Length - span.Count(true);
        }

        return count;
    }

    private static List<int> BasePrimes(long limit)
    {
        var composite = new bool[limit + 1];
        var primes = new List<int>();
        for (var i = 2; i <= limit; i++)
        {
            if (!composite[i])
            {
                primes.Add(i);
                for (var m = (long)i * i; m <= limit; m += i)
                {
                    composite[m] = true;
                }
            }
        }

        return primes;
    }
}
