using GrainCompute.Mpi.Tests.Infrastructure;

namespace GrainCompute.Mpi.Tests.Examples;

public sealed class EulerExampleTests
{
    private const long _samples = 1_000_000;

    // The count of uniforms has variance 3e − e² ≈ 0.766; the mean of 10^6 trials has σ ≈ 0.000875; allow 5σ.
    private static readonly double _bound = 5 * Math.Sqrt(((3 * Math.E) - (Math.E * Math.E)) / _samples);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task Euler_EstimatesE_WithinFiveSigma(int ranks)
    {
        var report = (await MpiExec.RunAsync(ranks, "euler", "--samples", "1000000", "--block", "100000", "--json")).Report();

        Assert.InRange(report.GetProperty("result").GetDouble(), Math.E - _bound, Math.E + _bound);
        Assert.Equal(_samples, report.GetProperty("details").GetProperty("samples").GetInt64());
    }
}
