using GrainCompute.Client.Tests.Transports;
using GrainCompute.Testing;

namespace GrainCompute.Client.Tests.Console;

/// <summary>`graincompute --gateway host:port`: the console through Orleans' gateway, and its fallback to --cluster.</summary>
[Collection(SeparateSiloCollection.Name)]
public sealed class ConsoleGatewayTests(SeparateSiloFixture silo)
{
    [Fact]
    public async Task Run_WithGateway_ComputesThroughTheOrleansGateway()
    {
        var run = await GraincomputeProcess.RunAsync("run", "collatz", "--param", "n=10", "--gateway", $"127.0.0.1:{silo.GatewayPort}", "--cluster-id", silo.ClusterId);

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}");
        Assert.Equal("19", run.Stdout.Trim());
    }

    [Fact]
    public async Task Jobs_GatewayUnreachableAndClusterGiven_FallsBackToHttp()
    {
        var job = await silo.Http.SubmitAsync<int>("collatz", new { n = 7 });
        await job.GetResultAsync(TimeSpan.FromSeconds(60));

        var run = await GraincomputeProcess.RunAsync("jobs", "show", job.Id, "--gateway", $"127.0.0.1:{LoopbackPort.Free()}", "--cluster-id", silo.ClusterId, "--cluster", silo.Api.ToString());

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}");
        Assert.Contains(job.Id, run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_GatewayUnreachableAndNoCluster_ExitsNonZeroNamingTheGatewayAndClusterId()
    {
        var port = LoopbackPort.Free();

        var run = await GraincomputeProcess.RunAsync("run", "collatz", "--param", "n=10", "--gateway", $"127.0.0.1:{port}", "--cluster-id", silo.ClusterId);

        Assert.NotEqual(0, run.ExitCode);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"127.0.0.1:{port}", line, StringComparison.Ordinal);
        Assert.Contains(silo.ClusterId, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_GatewayGivenAsAnHttpUrl_ExitsWithAUsageErrorPointingToCluster()
    {
        var run = await GraincomputeProcess.RunAsync("run", "collatz", "--gateway", "http://127.0.0.1:8080");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--cluster", Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_DescribesBothTransports()
    {
        var run = await GraincomputeProcess.RunAsync("--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--gateway", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("--cluster-id", run.Stdout, StringComparison.Ordinal);
    }
}
