using System.Text.RegularExpressions;

namespace GrainCompute.Client.Tests.Console;

/// <summary>
/// `graincompute run` on a pseudo-terminal (util-linux `script`, in every Debian): a bar where the terminal can redraw
/// one, plain lines where it cannot. The job lasts 1.5 s, past the bar's first half-second slice.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed partial class ConsoleTerminalTests(LocalClusterFixture cluster)
{
    [Fact]
    public async Task Run_OnATerminal_DrawsABarWithItemsPerSecondAndClearsIt()
    {
        var run = await RunSlowAddAsync(new Dictionary<string, string?> { ["TERM"] = "xterm-256color", ["NO_COLOR"] = null, ["CI"] = null });

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stdout}");
        Assert.Contains("items/s", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("\u001b[", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotMatch(PlainProgressLine(), run.Stdout);
        Assert.Contains("6", Lines(run.Stdout)); // the result, two items of 1 + 2, on its own line
    }

    [Fact]
    public async Task Run_OnATerminalWithNoColor_DrawsTheBarWithoutColors()
    {
        var run = await RunSlowAddAsync(new Dictionary<string, string?> { ["TERM"] = "xterm-256color", ["NO_COLOR"] = "1", ["CI"] = null });

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stdout}");
        Assert.Contains("items/s", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotMatch(ColorEscape(), run.Stdout);
    }

    [Theory]
    [InlineData("dumb", null)]
    [InlineData("xterm-256color", "true")]
    public async Task Run_OnADumbTerminalOrInCi_WritesPlainLines(string term, string? ci)
    {
        var run = await RunSlowAddAsync(new Dictionary<string, string?> { ["TERM"] = term, ["NO_COLOR"] = null, ["CI"] = ci });

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stdout}");
        Assert.Matches(PlainProgressLine(), run.Stdout);
        Assert.DoesNotContain("items/s", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', run.Stdout.Replace("\u001b[?1h\u001b=", "", StringComparison.Ordinal)); // .NET's own keypad-mode escape on a terminal
    }

    [Fact]
    public async Task JobsWait_OnATerminal_DrawsABarThenPrintsTheOutcome()
    {
        var job = await cluster.Client.SubmitAsync("slowadd", new { a = 1, b = 2, delay = 3.0, count = 2 }); // 3 s: the bar shows once the process is up and a first half-second wait passed

        var run = await GraincomputeProcess.OnTerminalAsync(
            new Dictionary<string, string?> { ["TERM"] = "xterm-256color", ["NO_COLOR"] = null, ["CI"] = null },
            "jobs", "wait", job.Id, "--timeout", "20", "--cluster", cluster.Client.Gateway.ToString());

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stdout}");
        Assert.Contains("items/s", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{job.Id} completed: 2/2 items, 2/2 chunks", Lines(run.Stdout));
    }

    private Task<GraincomputeProcess.Run> RunSlowAddAsync(Dictionary<string, string?> environment) =>
        GraincomputeProcess.OnTerminalAsync(environment, "run", "slowadd", "--param", "a=1", "--param", "b=2", "--param", "delay=1.5", "--param", "count=2", "--cluster", cluster.Client.Gateway.ToString());

    /// <summary>What the terminal shows line by line, escapes removed.</summary>
    private static string[] Lines(string output) =>
        [.. Escape().Replace(output, "").Split('\n').Select(line => line.Trim('\r', ' '))];

    [GeneratedRegex(@"job-\S+ [a-z]+: \d/2 items, \d/2 chunks")]
    private static partial Regex PlainProgressLine();

    [GeneratedRegex(@"\u001b(?:\[[0-9;?]*[A-Za-z]|[=>])")]
    private static partial Regex Escape();

    // SGR foreground/background colors: ESC[3xm, ESC[9xm, ESC[38;5;…m, ESC[48;…m and so on.
    [GeneratedRegex(@"\u001b\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")]
    private static partial Regex ColorEscape();
}
