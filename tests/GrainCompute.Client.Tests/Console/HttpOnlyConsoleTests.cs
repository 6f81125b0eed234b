using System.Text.Json;

namespace GrainCompute.Client.Tests.Console;

/// <summary>
/// `graincompute` built HTTP-only (Native AOT) and run as a user runs it against a cluster: the same answers as the JIT
/// build over HTTP, and one clear line for what it leaves out (the embedded silo, the Orleans gateway, `certs`).
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class HttpOnlyConsoleTests(LocalClusterFixture cluster, HttpOnlyConsoleFixture aot) : IClassFixture<HttpOnlyConsoleFixture>
{
    private string Cluster => cluster.Client.Gateway.ToString();

    [Fact]
    public async Task Publish_MakesOneNativeExecutable()
    {
        var executable = aot.Console[0];

        var header = new byte[4];
        await using (var file = File.OpenRead(executable))
        {
            await file.ReadExactlyAsync(header);
        }

        Assert.Equal("\u007fELF"u8.ToArray(), header);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(executable)!, "graincompute.dll")), "a native build carries no managed console beside it");
    }

    [Fact]
    public async Task Run_PrintsTheResult()
    {
        var run = await GraincomputeProcess.RunAsync(aot.Console, "run", "collatz", "--param", "n=10", "--cluster", Cluster);

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}");
        Assert.Equal("19", run.Stdout.Trim());
        Assert.Matches(@"^job-\S+: 10 items in \d+ chunks .*, \d+\.\d+ s$", run.Stderr.Trim());
    }

    [Fact]
    public async Task RunJson_WritesTheResultAsAJsonValue()
    {
        var run = await GraincomputeProcess.RunAsync(aot.Console, "run", "isprime", "--param", "n=97", "--json", "--cluster", Cluster);

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}");
        using var document = JsonDocument.Parse(run.Stdout);
        Assert.True(document.RootElement.GetProperty("result").GetProperty("isPrime").GetBoolean());
        Assert.Equal("completed", document.RootElement.GetProperty("state").GetString());
    }

    [Fact]
    public async Task RunJson_ResultTooLargeForTheStatus_CarriesItWhole()
    {
        var run = await GraincomputeProcess.RunAsync(aot.Console, "run", "julia", "--json", "--cluster", Cluster);

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}");
        using var document = JsonDocument.Parse(run.Stdout);
        Assert.Equal(1280 * 960, document.RootElement.GetProperty("result").GetBytesFromBase64().Length);
    }

    [Fact]
    public async Task Kernels_ListsTheCatalog()
    {
        var run = await GraincomputeProcess.RunAsync(aot.Console, "kernels", "--cluster", Cluster);

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}");
        Assert.Contains("montecarlo-pi", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitThenJobsWaitAndList_FollowTheJob()
    {
        var submit = await GraincomputeProcess.RunAsync(aot.Console, "submit", "collatz", "--param", "n=10", "--cluster", Cluster);
        Assert.True(submit.ExitCode == 0, $"exit {submit.ExitCode}: {submit.Stderr}");
        var id = submit.Stdout.Trim();

        var wait = await GraincomputeProcess.RunAsync(aot.Console, "jobs", "wait", id, "--timeout", "20", "--json", "--cluster", Cluster);
        var list = await GraincomputeProcess.RunAsync(aot.Console, "jobs", "list", "--json", "--cluster", Cluster);

        Assert.True(wait.ExitCode == 0, $"exit {wait.ExitCode}: {wait.Stderr}");
        using var waited = JsonDocument.Parse(wait.Stdout);
        Assert.True(waited.RootElement.GetProperty("satisfied").GetBoolean());
        Assert.Equal(19, waited.RootElement.GetProperty("result").GetInt32());
        Assert.True(list.ExitCode == 0, $"exit {list.ExitCode}: {list.Stderr}");
        using var listed = JsonDocument.Parse(list.Stdout);
        Assert.Contains(listed.RootElement.EnumerateArray(), job => job.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task DemoJson_AgainstACluster_RunsTheSeedWorkloads()
    {
        var run = await GraincomputeProcess.RunAsync(aot.Console, "demo", "--only", "sumprimes", "--only", "collatz", "--json", "--cluster", Cluster);

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}");
        using var document = JsonDocument.Parse(run.Stdout);
        var rows = document.RootElement.EnumerateArray().ToList();
        Assert.Equal(["sumprimes", "collatz"], rows.Select(row => row.GetProperty("kernel").GetString()));
        Assert.All(rows, row => Assert.True(row.GetProperty("ok").GetBoolean()));
    }

    [Fact]
    public async Task Run_UnknownKernel_ExitsTwoWithOneLineNamingTheClosestKernel()
    {
        var run = await GraincomputeProcess.RunAsync(aot.Console, "run", "julai", "--cluster", Cluster);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("julia", Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithoutACluster_ExitsTwoSayingItHasNoEmbeddedSilo()
    {
        var run = await GraincomputeProcess.RunAsync(aot.Console, "run", "collatz", "--param", "n=10");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no embedded silo", Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gateway_AloneExitsTwo_WithAClusterTooGoesOverHttp()
    {
        var alone = await GraincomputeProcess.RunAsync(aot.Console, "run", "collatz", "--param", "n=10", "--gateway", "127.0.0.1:30000");
        var withHttp = await GraincomputeProcess.RunAsync(aot.Console, "run", "collatz", "--param", "n=10", "--gateway", "127.0.0.1:30000", "--cluster", Cluster);

        Assert.Equal(2, alone.ExitCode);
        Assert.Contains("no Orleans client", alone.Stderr, StringComparison.Ordinal);
        Assert.True(withHttp.ExitCode == 0, $"exit {withHttp.ExitCode}: {withHttp.Stderr}");
        Assert.Equal("19", withHttp.Stdout.Trim());
    }

    [Fact]
    public async Task Certs_IsNotACommandOfThisBuild_AndHelpSaysWhatTheBuildLeavesOut()
    {
        var certs = await GraincomputeProcess.RunAsync(aot.Console, "certs", "create", "--out", Path.GetTempPath());
        var help = await GraincomputeProcess.RunAsync(aot.Console, "--help");

        Assert.NotEqual(0, certs.ExitCode);
        Assert.Contains("certs", certs.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("HTTP-only build", help.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Certificates for mutual TLS", help.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_OnATerminal_DrawsABarWithItemsPerSecond()
    {
        var run = await GraincomputeProcess.OnTerminalAsync(
            aot.Console,
            new Dictionary<string, string?> { ["TERM"] = "xterm-256color", ["NO_COLOR"] = null, ["CI"] = null },
            "run", "slowadd", "--param", "a=1", "--param", "b=2", "--param", "delay=1.5", "--param", "count=2", "--cluster", Cluster);

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stdout}");
        Assert.Contains("items/s", run.Stdout, StringComparison.Ordinal);
    }
}
