using System.Numerics;

namespace GrainCompute.Server.Dashboard.Diagnostics;

/// <summary>
/// Fixed log-linear latency buckets (four per power of two of microseconds, so a percentile read from them is
/// within 12.5% of the truth), as HdrHistogram does with fewer buckets. Recording is one array increment, so
/// it needs no lock; histograms of many silos merge by adding their counts.
/// </summary>
public static class LatencyHistogram
{
    private const int SubBuckets = 4;
    private const int MaxPower = 36; // 2^36 µs ≈ 19 hours: anything slower shares the last bucket.

    /// <summary>Number of buckets in a histogram array: 0..3 µs one each, four per power of two from 2² to 2^(MaxPower−1), one for the rest.</summary>
    public const int BucketCount = SubBuckets + (MaxPower - 2) * SubBuckets + 1;

    /// <summary>The bucket holding <paramref name="microseconds"/>.</summary>
    public static int BucketOf(long microseconds)
    {
        if (microseconds < SubBuckets)
        {
            return (int)Math.Max(microseconds, 0);
        }

        var power = BitOperations.Log2((ulong)microseconds);
        if (power >= MaxPower)
        {
            return BucketCount - 1;
        }

        var sub = (int)(microseconds >> (power - 2)) & (SubBuckets - 1);
        return SubBuckets + (power - 2) * SubBuckets + sub;
    }

    /// <summary>Lowest microseconds a bucket holds.</summary>
    public static double LowerBoundMicroseconds(int bucket)
    {
        if (bucket < SubBuckets)
        {
            return bucket;
        }

        var power = (bucket - SubBuckets) / SubBuckets + 2;
        var sub = (bucket - SubBuckets) % SubBuckets;
        return (double)(SubBuckets + sub) * (1L << (power - 2));
    }

    /// <summary>The <paramref name="quantile"/> (0..1) of the recorded values in milliseconds (a bucket's midpoint); 0 when empty.</summary>
    public static double PercentileMilliseconds(ReadOnlySpan<long> counts, double quantile)
    {
        long total = 0;
        foreach (var count in counts)
        {
            total += count;
        }

        if (total == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(quantile * total));
        long seen = 0;
        for (var bucket = 0; bucket < counts.Length; bucket++)
        {
            seen += counts[bucket];
            if (seen >= rank)
            {
                var low = LowerBoundMicroseconds(bucket);
                var high = bucket + 1 < BucketCount ? LowerBoundMicroseconds(bucket + 1) : low * 1.25;
                return (low + high) / 2 / 1000;
            }
        }

        return LowerBoundMicroseconds(BucketCount - 1) / 1000;
    }
}
