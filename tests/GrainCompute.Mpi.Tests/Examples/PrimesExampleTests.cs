using GrainCompute.Mpi.Tests.Infrastructure;

namespace GrainCompute.Mpi.Tests.Examples;

public sealed class PrimesExampleTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task Primes_UpToAMillion_Are78498(int ranks)
    {
        var report = (await MpiExec.RunAsync(ranks, "primes", "--n", "1000000", "--json")).Report();

        Assert.Equal(78498, report.GetProperty("result").GetInt64());
    }

    [Theory]
    [InlineData(3, 2, 1)]
    [InlineData(4, 30, 10)]
    public async Task Primes_WithMoreRanksThanNumbers_StillCountsEachPrimeOnce(int ranks, long n, long expected)
    {
        var report = (await MpiExec.RunAsync(ranks, "primes", "--n", n.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json")).Report();

        Assert.Equal(expected, report.GetProperty("result").GetInt64());
    }
}
