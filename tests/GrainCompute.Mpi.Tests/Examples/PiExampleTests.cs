using GrainCompute.Mpi.Tests.Infrastructure;

namespace GrainCompute.Mpi.Tests.Examples;

public sealed class PiExampleTests
{
    private const long _samples = 1_000_000;

    // The estimate's standard deviation is 4·√(p(1−p)/n) with p = π/4: 0.00164 at 10^6 samples; allow 5σ.
    private static readonly double _bound = 5 * 4 * Math.Sqrt(Math.PI / 4 * (1 - (Math.PI / 4)) / _samples);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task Pi_WithFixedSeed_IsWithinFiveSigma_AndTheSameForAnyRankCount(int ranks)
    {
        var report = (await MpiExec.RunAsync(ranks, "pi", "--samples", "1000000", "--block", "100000", "--seed", "42", "--json")).Report();

        var pi = report.GetProperty("result").GetDouble();
        Assert.InRange(pi, Math.PI - _bound, Math.PI + _bound);
        Assert.Equal(ranks, report.GetProperty("ranks").GetInt32());
        Assert.True(report.GetProperty("seconds").GetDouble() > 0, "rank 0's MPI_Wtime stopwatch should measure the run");

        // Block k always draws stream (seed, k), so the hit count cannot depend on how blocks map to ranks.
        Assert.Equal(PiHits.Expected(_samples, 100_000, 42), report.GetProperty("details").GetProperty("hits").GetInt64());
    }
}
