using System.Diagnostics;
using System.Text.RegularExpressions;
using GrainCompute.Console.Output;

namespace GrainCompute.Client.Tests.Console.Output;

public sealed partial class ProgressBarTests
{
    [Fact]
    public async Task Show_StatusesReported_DrawsChunksPercentRateAndTimeLeft()
    {
        var text = await DrawAsync(color: true);

        Assert.Contains("job-1 1/4 chunks", text, StringComparison.Ordinal);
        Assert.Contains("50%", text, StringComparison.Ordinal);
        Assert.Matches(@"[0-9.]+[kMG]? items/s ETA \d+:\d\d", text);
    }

    [Fact]
    public async Task Show_WithoutColor_DrawsNoColorEscapes()
    {
        var text = await DrawAsync(color: false);

        Assert.Contains("items/s", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(ColorEscape(), text);
    }

    [Fact]
    public async Task Show_Follow_ReturnsWhatTheFollowerReturned()
    {
        using var error = new StringWriter();

        var answer = await ProgressBar.ShowAsync(error, color: false, new ProgressRate(), Stopwatch.StartNew(), Status(0, 0), _ => Task.FromResult(42));

        Assert.Equal(42, answer);
    }

    private static async Task<string> DrawAsync(bool color)
    {
        using var error = new StringWriter();
        var rate = new ProgressRate();
        rate.Add(TimeSpan.Zero, 0);
        var clock = Stopwatch.StartNew();
        await ProgressBar.ShowAsync(error, color, rate, clock, Status(0, 0), report =>
        {
            report(Status(1, 2));
            return Task.FromResult(0);
        });
        return error.ToString();
    }

    private static JobStatus Status(int chunksDone, long itemsDone)
    {
        var submitted = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        return new JobStatus("job-1", "noop", JobState.Running, 4, 4, chunksDone, 0, 0, 1, itemsDone, submitted, submitted, null, null, false, null, [], [], "silo-1");
    }

    [GeneratedRegex(@"\u001b\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")]
    private static partial Regex ColorEscape();
}
