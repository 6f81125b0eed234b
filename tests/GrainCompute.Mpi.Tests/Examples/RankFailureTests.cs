using GrainCompute.Mpi.Tests.Infrastructure;

namespace GrainCompute.Mpi.Tests.Examples;

/// <summary>
/// A rank that throws must end the whole job with its message — never leave the others blocked (they wait in
/// the barrier before the example, so finishing within the limit proves MPI_Abort reached them). MPICH's own
/// "application called MPI_Abort" line is not asserted: measured here, it is sometimes lost when Hydra tears the job down.
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
    public async Task MpiErrorCode_BecomesMpiNetsArgumentExceptionWithMpichsErrorStack_OnOneLine_AndAbortsTheJob()
    {
        var run = await MpiExec.RunAsync(2, _failFast, "primes", "--fail-rank", "1", "--fail-with", "mpi-error");

        // MPI.NET sets MPI_ERRORS_RETURN and maps MPI_ERR_RANK to ArgumentException; the stack is MPICH's own text.
        Assert.NotEqual(0, run.ExitCode);
        var line = run.Stderr.Split('\n').Single(l => l.StartsWith("rank 1: ", StringComparison.Ordinal));
        Assert.StartsWith("rank 1: ArgumentException: Invalid rank, error stack: | ", line, StringComparison.Ordinal);
        Assert.Contains("MPI_Send(", line, StringComparison.Ordinal);
        Assert.Contains("Invalid rank has value 2 but must be nonnegative and less than 2", line, StringComparison.Ordinal);
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
