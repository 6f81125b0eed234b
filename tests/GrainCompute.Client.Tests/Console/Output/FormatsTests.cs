using GrainCompute.Console.Output;

namespace GrainCompute.Client.Tests.Console.Output;

public sealed class FormatsTests
{
    [Theory]
    [InlineData(0.5, "0.50")]
    [InlineData(12, "12.0")]
    [InlineData(950, "950")]
    [InlineData(12_345, "12.3k")]
    [InlineData(4_560_000, "4.56M")]
    [InlineData(7.2e9, "7.20G")]
    public void Count_Value_HasThreeSignificantDigitsAndAUnit(double value, string text) => Assert.Equal(text, Formats.Count(value));

    [Theory]
    [InlineData(0, "0:00")]
    [InlineData(6.2, "0:07")]
    [InlineData(75, "1:15")]
    [InlineData(3 * 3600 + 62, "3:01:02")]
    public void Duration_Seconds_IsMinutesAndSeconds(double seconds, string text) => Assert.Equal(text, Formats.Duration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void RateAndRemaining_Known_ReadsAsItemsPerSecondAndEta() =>
        Assert.Equal("12.3k items/s ETA 0:07", Formats.RateAndRemaining(12_345, TimeSpan.FromSeconds(7)));

    [Fact]
    public void RateAndRemaining_Unknown_SaysSo() => Assert.Equal("– items/s", Formats.RateAndRemaining(null, null));
}
