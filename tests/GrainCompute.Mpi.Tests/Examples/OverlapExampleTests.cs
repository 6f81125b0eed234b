using GrainCompute.Mpi.Tests.Infrastructure;

namespace GrainCompute.Mpi.Tests.Examples;

public sealed class OverlapExampleTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task Overlap_NonBlockingBlockResults_AddUpToThePiExamplesHits(int ranks)
    {
        var report = (await MpiExec.RunAsync(ranks, "overlap", "--samples", "1000000", "--block", "50000", "--seed", "42", "--json")).Report();

        var details = report.GetProperty("details");
        Assert.Equal(PiHits.Expected(1_000_000, 50_000, 42), details.GetProperty("hits").GetInt64());
        Assert.Equal(4.0 * PiHits.Expected(1_000_000, 50_000, 42) / 1_000_000, report.GetProperty("result").GetDouble());

        // One receive per block rank 0 does not own: 20 blocks, every size-th one is rank 0's.
        Assert.Equal(20 - ((20 + ranks - 1) / ranks), details.GetProperty("posted").GetInt32());
        Assert.InRange(details.GetProperty("arrivedDuringCompute").GetInt32(), 0, details.GetProperty("posted").GetInt32());
    }

    [Fact]
    public async Task Overlap_WithMoreBlocksThanItWillPostReceivesFor_FailsNamingTheLimit()
    {
        var run = await MpiExec.RunAsync(2, TimeSpan.FromSeconds(30), "overlap", "--samples", "100000", "--block", "1");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("overlap posts one receive per block: 100000 blocks, at most 10000; raise --block", run.Stderr, StringComparison.Ordinal);
    }
}
