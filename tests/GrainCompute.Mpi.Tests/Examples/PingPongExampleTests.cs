using GrainCompute.Mpi.Tests.Infrastructure;

namespace GrainCompute.Mpi.Tests.Examples;

public sealed class PingPongExampleTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public async Task PingPong_ReportsPositiveLatencyAndBandwidth_ForEverySize(int ranks)
    {
        var report = (await MpiExec.RunAsync(ranks, "pingpong", "--iterations", "50", "--max-bytes", "65536", "--json")).Report();

        Assert.True(report.GetProperty("result").GetProperty("latencyMicroseconds").GetDouble() > 0);
        Assert.True(report.GetProperty("result").GetProperty("bandwidthMegabytesPerSecond").GetDouble() > 0);
        var sizes = report.GetProperty("details").GetProperty("sizes").EnumerateArray().Select(s => s.GetProperty("bytes").GetInt32());
        Assert.Equal([1, 8, 64, 512, 4096, 32768, 65536], sizes);
    }

    [Fact]
    public async Task PingPong_WithOneRank_FailsFastSayingItNeedsTwo()
    {
        var run = await MpiExec.RunAsync(1, TimeSpan.FromSeconds(30), "pingpong", "--json");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("pingpong needs at least 2 ranks", run.Output, StringComparison.Ordinal);
    }
}
