using GrainCompute.Runtime.Diagnostics;

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
