using GrainCompute.Mpi.Tests.Infrastructure;

namespace GrainCompute.Mpi.Tests.Examples;

/// <summary>
/// A rank that throws must end the whole job with its message — never leave the others blocked (they wait in
/// the barrier before the example, so finishing within the limit proves MPI_Abort reached them). Open MPI's
/// own "MPI_ABORT was invoked" banner is not asserted: its delivery to mpiexec races the aborting process
/// ("ORTE_ERROR_LOG: Data unpack would read past end of buffer … show_help.c") and is sometimes lost.
/// </summary>
public sealed class RankFailureTests
{
    // Far below the default limit: a hang would be the failure this class exists to catch.
    private static readonly TimeSpan _failFast = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("pi", 4, 2)]
    [InlineData("julia", 4, 0)]
    [InlineData("julia", 3, 1)]
    public async Task ThrowingRank_AbortsTheJob_WithItsMessage(string example, int ranks, int failingRank)
    {
        var run = await MpiExec.RunAsync(ranks, _failFast, example, "--fail-rank", failingRank.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"rank {failingRank}: InvalidOperationException: injected failure on rank {failingRank}", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MpiErrorCode_BecomesAnMpiExceptionWithMpisErrorString_AndAbortsTheJob()
    {
        var run = await MpiExec.RunAsync(2, _failFast, "primes", "--fail-rank", "1", "--fail-with", "mpi-error");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("rank 1: MpiException: MPI_Send failed with MPI error", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("MPI_ERR_RANK: invalid rank", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnhandledExceptionOnAnotherThread_AbortsTheJob_WithItsMessage()
    {
        var run = await MpiExec.RunAsync(3, _failFast, "hello", "--fail-rank", "2", "--fail-with", "thread");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("rank 2: InvalidOperationException: injected failure on a worker thread of rank 2", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownOption_FailsEveryRankBeforeMpiStarts_NamingTheKnownOptions()
    {
        var run = await MpiExec.RunAsync(2, _failFast, "pi", "--sample", "10");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("pi: unknown option '--sample'; known: --samples, --seed, --block, --json, --fail-rank, --fail-with", run.Stderr, StringComparison.Ordinal);
    }
}
