using System.Diagnostics;

namespace GrainCompute.Client.Tests.Console;

/// <summary>`graincompute` as a user runs it: a separate process, its exit code, stdout and stderr.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class ConsoleProcessTests(LocalClusterFixture cluster)
{
    [Fact]
    public async Task Kernels_AgainstACluster_ListsTheCatalogAndExitsZero()
    {
        var run = await GraincomputeAsync("kernels", "--cluster", cluster.Client.Gateway.ToString());

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}");
        Assert.Contains("isprime", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("montecarlo-pi", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("all 1", run.Stdout, StringComparison.Ordinal); // the one silo serves every kernel
    }

    [Fact]
    public async Task Run_SmallJob_PrintsTheResult()
    {
        var run = await GraincomputeAsync("run", "collatz", "--param", "n=10", "--cluster", cluster.Client.Gateway.ToString());

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}");
        Assert.Equal("19", run.Stdout.Trim());
    }

    [Fact]
    public async Task Run_UnknownKernel_ExitsNonZeroWithOneLineNamingTheClosestKernel()
    {
        var run = await GraincomputeAsync("run", "julai", "--cluster", cluster.Client.Gateway.ToString());

        Assert.NotEqual(0, run.ExitCode);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("julia", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BadParameter_ExitsNonZeroNamingTheField()
    {
        var run = await GraincomputeAsync("run", "collatz", "--param", "n=many", "--cluster", cluster.Client.Gateway.ToString());

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("'n'", Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jobs_UnreachableCluster_ExitsNonZeroNamingTheAddress()
    {
        var run = await GraincomputeAsync("jobs", "list", "--cluster", "http://127.0.0.1:1");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("127.0.0.1:1", Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    private sealed record ProcessRun(int ExitCode, string Stdout, string Stderr);

    private static async Task<ProcessRun> GraincomputeAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(ConsolePath());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"graincompute {string.Join(' ', args)} did not exit within 30 s");
        }

        return new ProcessRun(process.ExitCode, await stdout, await stderr);
    }

    // The console project is referenced, so graincompute.dll and its runtimeconfig sit next to the tests.
    private static string ConsolePath()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "graincompute.dll");
        Assert.True(File.Exists(path) && File.Exists(Path.ChangeExtension(path, ".runtimeconfig.json")), $"expected the console at {path} (built with the tests)");
        return path;
    }
}
