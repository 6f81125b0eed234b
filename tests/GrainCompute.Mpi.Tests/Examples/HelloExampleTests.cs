using GrainCompute.Mpi.Tests.Infrastructure;

namespace GrainCompute.Mpi.Tests.Examples;

public sealed class HelloExampleTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task Hello_EveryRankReports_AndRankZeroGetsOneReplyPerOtherRank(int ranks)
    {
        var run = await MpiExec.RunAsync(ranks, "hello", "--json");
        var report = run.Report();

        Assert.Equal(ranks - 1, report.GetProperty("result").GetInt32());
        Assert.Equal(ranks, report.GetProperty("ranks").GetInt32());
        Assert.Equal(ranks, report.GetProperty("details").GetProperty("hosts").GetArrayLength());
        for (var rank = 0; rank < ranks; rank++)
        {
            Assert.Contains($"hello from rank {rank} of {ranks} on ", run.Stdout, StringComparison.Ordinal);
        }

        for (var rank = 1; rank < ranks; rank++)
        {
            Assert.Contains($"rank {rank} received 'greetings from rank 0 to rank {rank}'", run.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Hello_RequestsThreadMultiple_AndReportsTheLevelGranted()
    {
        var report = (await MpiExec.RunAsync(1, "hello", "--json")).Report();

        Assert.Equal("Multiple", report.GetProperty("details").GetProperty("threadLevel").GetString());
    }
}
