using System.Text.Json;
using System.Text.RegularExpressions;

namespace GrainCompute.Client.Tests.Console;

/// <summary>`graincompute` as a user runs it: a separate process, its exit code, stdout and stderr.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed partial class ConsoleProcessTests(LocalClusterFixture cluster)
{
    [Fact]
    public async Task Kernels_AgainstACluster_ListsTheCatalogAndExitsZero()
    {
        var run = await GraincomputeProcess.RunAsync("kernels", "--cluster", cluster.Client.Gateway.ToString());

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}");
        Assert.Contains("isprime", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("montecarlo-pi", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("all 1", run.Stdout, StringComparison.Ordinal); // the one silo serves every kernel
    }

    [Fact]
    public async Task Demo_WithoutACluster_RunsTheChosenWorkloadsOnAnEmbeddedSilo()
    {
        var run = await GraincomputeProcess.RunAsync("demo", "--only", "sumprimes", "--only", "collatz", "--json");

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}");
        Assert.Contains("demo on an embedded silo", run.Stderr, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(run.Stdout);
        var rows = document.RootElement.EnumerateArray().ToList();
        Assert.Equal(["sumprimes", "collatz"], rows.Select(row => row.GetProperty("kernel").GetString()));
        Assert.Equal("[454396537,1709600813,3709507114]", rows[0].GetProperty("result").GetString()); // the seed's sums of primes
        Assert.All(rows, row => Assert.True(row.GetProperty("ok").GetBoolean()));
    }

    [Fact]
    public async Task Run_SmallJob_PrintsTheResult()
    {
        var run = await GraincomputeProcess.RunAsync("run", "collatz", "--param", "n=10", "--cluster", cluster.Client.Gateway.ToString());

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}");
        Assert.Equal("19", run.Stdout.Trim());
    }

    [Fact]
    public async Task Run_UnknownKernel_ExitsNonZeroWithOneLineNamingTheClosestKernel()
    {
        var run = await GraincomputeProcess.RunAsync("run", "julai", "--cluster", cluster.Client.Gateway.ToString());

        Assert.NotEqual(0, run.ExitCode);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("julia", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BadParameter_ExitsNonZeroNamingTheField()
    {
        var run = await GraincomputeProcess.RunAsync("run", "collatz", "--param", "n=many", "--cluster", cluster.Client.Gateway.ToString());

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("'n'", Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jobs_UnreachableCluster_ExitsNonZeroNamingTheAddress()
    {
        var run = await GraincomputeProcess.RunAsync("jobs", "list", "--cluster", "http://127.0.0.1:1");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("127.0.0.1:1", Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunJson_WritesOneDocumentWithTheResultAsAJsonValue()
    {
        var run = await GraincomputeProcess.RunAsync("run", "isprime", "--param", "n=97", "--json", "--cluster", cluster.Client.Gateway.ToString());

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}");
        using var document = JsonDocument.Parse(run.Stdout); // one document: trailing text would throw
        var root = document.RootElement;
        Assert.True(root.GetProperty("result").GetProperty("isPrime").GetBoolean());
        Assert.Equal(97, root.GetProperty("result").GetProperty("n").GetInt64());
        Assert.False(root.TryGetProperty("resultJson", out _), "the escaped resultJson text is replaced by result");
        Assert.Equal("completed", root.GetProperty("state").GetString());
        Assert.True(root.GetProperty("seconds").GetDouble() > 0);
        Assert.Equal("", run.Stderr); // --json: no progress, no summary line
    }

    [Fact]
    public async Task RunJson_ResultTooLargeForTheStatus_CarriesItWhole()
    {
        var run = await GraincomputeProcess.RunAsync("run", "julia", "--json", "--cluster", cluster.Client.Gateway.ToString());

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}");
        using var document = JsonDocument.Parse(run.Stdout);
        Assert.True(document.RootElement.GetProperty("resultTooLargeForStatus").GetBoolean(), "the default Julia set should not fit in a status");
        Assert.Equal(1280 * 960, document.RootElement.GetProperty("result").GetBytesFromBase64().Length); // gray pixels, line by line
    }

    [Fact]
    public async Task Run_StderrRedirected_WritesPlainProgressLinesAndNoEscapes()
    {
        // Two items of 1.5 s each on two worker slots: past the first one-second slice, so one progress line at least.
        var run = await GraincomputeProcess.RunAsync("run", "slowadd", "--param", "a=1", "--param", "b=2", "--param", "delay=1.5", "--param", "count=2", "--cluster", cluster.Client.Gateway.ToString());

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}");
        Assert.Equal("6", run.Stdout.Trim()); // two items of 1 + 2
        Assert.DoesNotContain('', run.Stderr);
        Assert.DoesNotContain('\r', run.Stderr);
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, line => ProgressLine().IsMatch(line));
        Assert.Matches(@"^job-\S+: 2 items in 2 chunks .*, \d+\.\d+ s$", lines[^1]);
    }

    [Fact]
    public async Task JobsShowJson_CarriesTheResultAsAJsonValueAndTheChunksWhenAsked()
    {
        var job = await cluster.Client.SubmitAsync("collatz", new { n = 10 });
        await job.GetResultAsync(TimeSpan.FromSeconds(30));

        var run = await GraincomputeProcess.RunAsync("jobs", "show", job.Id, "--chunks", "--json", "--cluster", cluster.Client.Gateway.ToString());

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}");
        using var document = JsonDocument.Parse(run.Stdout);
        Assert.Equal(19, document.RootElement.GetProperty("result").GetInt32());
        Assert.Equal(job.Id, document.RootElement.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Array, document.RootElement.GetProperty("chunks").ValueKind);
    }

    [Fact]
    public async Task JobsWaitJson_SaysWhetherItWasSatisfiedBesideTheResult()
    {
        var job = await cluster.Client.SubmitAsync("collatz", new { n = 10 });

        var run = await GraincomputeProcess.RunAsync("jobs", "wait", job.Id, "--timeout", "20", "--json", "--cluster", cluster.Client.Gateway.ToString());

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}");
        using var document = JsonDocument.Parse(run.Stdout);
        Assert.True(document.RootElement.GetProperty("satisfied").GetBoolean());
        Assert.Equal(19, document.RootElement.GetProperty("result").GetInt32());
    }

    [Fact]
    public async Task Run_Interrupted_CancelsTheJobAndExits130()
    {
        using var process = GraincomputeProcess.Start("run", "slowadd", "--param", "a=1", "--param", "b=2", "--param", "delay=20", "--param", "count=2", "--cluster", cluster.Client.Gateway.ToString());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        try
        {
            // The first progress line (after one second) names the job; interrupt then, as Ctrl+C would.
            var first = await process.StandardError.ReadLineAsync(timeout.Token);
            Assert.True(first is not null && ProgressLine().IsMatch(first), $"expected a progress line, got '{first}'");
            var jobId = first.Split(' ')[0];
            await GraincomputeProcess.InterruptAsync(process);
            var rest = await process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);

            Assert.Equal(130, process.ExitCode);
            Assert.Contains("graincompute: interrupted", rest, StringComparison.Ordinal);
            Assert.Equal(JobState.Cancelled, (await cluster.Client.GetJob(jobId).StatusAsync()).State);
            Assert.Equal("", await stdout);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [GeneratedRegex(@"^job-\S+ [a-z]+: \d/2 items, \d/2 chunks")]
    private static partial Regex ProgressLine();
}
