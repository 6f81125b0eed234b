using GrainCompute.Console.Output;

namespace GrainCompute.Client.Tests.Console.Output;

public sealed class ProgressRateTests
{
    [Fact]
    public void ItemsPerSecond_OneSample_IsUnknown()
    {
        var rate = new ProgressRate();
        rate.Add(TimeSpan.Zero, 0);

        Assert.Null(rate.ItemsPerSecond);
        Assert.Null(rate.Remaining(100));
    }

    [Fact]
    public void ItemsPerSecond_TwoSamples_IsTheirSlope()
    {
        var rate = new ProgressRate();
        rate.Add(TimeSpan.Zero, 0);
        rate.Add(TimeSpan.FromSeconds(2), 500);

        Assert.Equal(250, rate.ItemsPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(2), rate.Remaining(1000));
    }

    [Fact]
    public void ItemsPerSecond_AfterTheWindow_FollowsTheRecentPace()
    {
        var rate = new ProgressRate();
        rate.Add(TimeSpan.Zero, 0);
        rate.Add(TimeSpan.FromSeconds(1), 1000); // a fast start…
        for (var second = 2; second <= 30; second++)
        {
            rate.Add(TimeSpan.FromSeconds(second), 1000 + ((second - 1) * 10)); // …then 10 items/s
        }

        Assert.Equal(10, rate.ItemsPerSecond!.Value, precision: 6);
    }

    [Fact]
    public void Remaining_NothingMoves_IsUnknown()
    {
        var rate = new ProgressRate();
        rate.Add(TimeSpan.Zero, 10);
        rate.Add(TimeSpan.FromSeconds(5), 10);

        Assert.Equal(0, rate.ItemsPerSecond);
        Assert.Null(rate.Remaining(100));
    }
}
