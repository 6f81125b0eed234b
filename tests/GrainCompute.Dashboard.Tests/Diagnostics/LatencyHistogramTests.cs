using GrainCompute.Server.Dashboard.Diagnostics;

namespace GrainCompute.Dashboard.Tests.Diagnostics;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Buckets_grow_with_the_value_and_stay_in_range()
    {
        var previous = -1;
        for (long us = 0; us < 5_000_000; us = us * 5 / 4 + 1)
        {
            var bucket = LatencyHistogram.BucketOf(us);
            Assert.InRange(bucket, previous, LatencyHistogram.BucketCount - 1);
            Assert.True(LatencyHistogram.LowerBoundMicroseconds(bucket) <= us, $"{us} µs is below its bucket's lower bound");
            previous = bucket;
        }

        Assert.Equal(LatencyHistogram.BucketCount - 1, LatencyHistogram.BucketOf(long.MaxValue));
        Assert.Equal(0, LatencyHistogram.BucketOf(-5));
    }

    [Fact]
    public void Every_bucket_is_used_and_the_last_starts_at_two_to_the_36_microseconds()
    {
        var used = new HashSet<int> { LatencyHistogram.BucketOf(0) };
        for (var power = 0; power < 40; power++)
        {
            for (long step = 0; step < 4; step++)
            {
                used.Add(LatencyHistogram.BucketOf((1L << power) + (step << Math.Max(0, power - 2))));
            }
        }

        Assert.Equal(Enumerable.Range(0, LatencyHistogram.BucketCount), used.Order());
        Assert.Equal(1L << 36, LatencyHistogram.LowerBoundMicroseconds(LatencyHistogram.BucketCount - 1));
        Assert.Equal(LatencyHistogram.BucketCount - 1, LatencyHistogram.BucketOf(1L << 36));
        Assert.Equal(LatencyHistogram.BucketCount - 2, LatencyHistogram.BucketOf((1L << 36) - 1));
    }

    [Theory]
    [InlineData(0.5, 500)]
    [InlineData(0.99, 990)]
    public void Percentiles_of_uniform_values_are_within_an_eighth_of_the_truth(double quantile, double expectedMs)
    {
        var counts = new long[LatencyHistogram.BucketCount];
        for (var ms = 1; ms <= 1000; ms++)
        {
            counts[LatencyHistogram.BucketOf(ms * 1000L)]++;
        }

        var percentile = LatencyHistogram.PercentileMilliseconds(counts, quantile);

        Assert.InRange(percentile, expectedMs * 0.875, expectedMs * 1.125);
    }

    [Fact]
    public void An_empty_histogram_has_zero_percentiles() =>
        Assert.Equal(0, LatencyHistogram.PercentileMilliseconds(new long[LatencyHistogram.BucketCount], 0.99));
}
