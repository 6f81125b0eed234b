namespace GrainCompute.Samples.ThermalGas;

/// <summary>
/// Speeds binned on [0, maxSpeed) against the 2-D Maxwell–Boltzmann law, with two goodness-of-fit tests: Pearson's
/// χ² over the bins (adjacent bins pooled until each expects ≥ 5, the overflow in the last) and Kolmogorov–Smirnov
/// over the unbinned speeds. Neither fits a parameter: T and m are given, so a wrong law fails both.
/// </summary>
/// <param name="BinWidth">Width of a bin in m/s.</param>
/// <param name="Edges">Bin edges in m/s, bins + 1 of them.</param>
/// <param name="Centers">Bin centers in m/s.</param>
/// <param name="Counts">Particles per bin.</param>
/// <param name="Expected">Particles per bin under M–B: N (F(right) − F(left)).</param>
/// <param name="Density">Counts / (N · width), in s/m: comparable to P(v).</param>
/// <param name="AnalyticDensity">Mean of P(v) over each bin, in s/m.</param>
/// <param name="Overflow">Particles at or above the last edge.</param>
/// <param name="ExpectedOverflow">N (1 − F(maxSpeed)).</param>
/// <param name="ChiSquare">Pearson's χ² over the pooled bins.</param>
/// <param name="DegreesOfFreedom">Pooled bins − 1.</param>
/// <param name="ChiSquarePValue">P(χ² ≥ observed) if the speeds follow M–B.</param>
/// <param name="KsStatistic">sup |F_N(v) − F(v)| over the speeds.</param>
/// <param name="KsPValue">Asymptotic P(D ≥ observed) if the speeds follow M–B.</param>
public sealed record SpeedHistogram(
    double BinWidth,
    double[] Edges,
    double[] Centers,
    long[] Counts,
    double[] Expected,
    double[] Density,
    double[] AnalyticDensity,
    long Overflow,
    double ExpectedOverflow,
    double ChiSquare,
    int DegreesOfFreedom,
    double ChiSquarePValue,
    double KsStatistic,
    double KsPValue)
{
    private const double MinExpectedPerCell = 5;

    /// <summary>Bins <paramref name="speeds"/> (sorted in place) and tests them against <paramref name="law"/>.</summary>
    public static SpeedHistogram Measure(double[] speeds, MaxwellBoltzmann2D law, int bins, double maxSpeed)
    {
        ArgumentNullException.ThrowIfNull(speeds);
        ArgumentNullException.ThrowIfNull(law);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSpeed);

        Array.Sort(speeds);
        var n = speeds.Length;
        var width = maxSpeed / bins;
        var edges = new double[bins + 1];
        for (var b = 0; b <= bins; b++)
        {
            edges[b] = b * width;
        }

        var counts = new long[bins];
        long overflow = 0;
        foreach (var speed in speeds)
        {
            var bin = (long)(speed / width);
            if (bin >= bins)
            {
                overflow++;
            }
            else
            {
                counts[bin]++;
            }
        }

        var centers = new double[bins];
        var expected = new double[bins];
        var density = new double[bins];
        var analytic = new double[bins];
        for (var b = 0; b < bins; b++)
        {
            var mass = law.Cdf(edges[b + 1]) - law.Cdf(edges[b]);
            centers[b] = edges[b] + (width / 2);
            expected[b] = n * mass;
            density[b] = n == 0 ? 0 : counts[b] / (n * width);
            analytic[b] = mass / width;
        }

        var expectedOverflow = n * (1 - law.Cdf(maxSpeed));
        var (chiSquare, dof) = PooledChiSquare(counts, expected, overflow, expectedOverflow);
        var ks = KolmogorovSmirnov(speeds, law);
        return new SpeedHistogram(
            width, edges, centers, counts, expected, density, analytic, overflow, expectedOverflow,
            chiSquare, dof, Statistics.ChiSquareSurvival(chiSquare, dof), ks, n == 0 ? 1 : Statistics.KolmogorovSurvival(ks, n));
    }

    private static (double ChiSquare, int DegreesOfFreedom) PooledChiSquare(long[] counts, double[] expected, long overflow, double expectedOverflow)
    {
        var cells = new List<(double Observed, double Expected)>();
        double observedRun = 0, expectedRun = 0;
        for (var b = 0; b <= counts.Length; b++)
        {
            observedRun += b < counts.Length ? counts[b] : overflow;
            expectedRun += b < counts.Length ? expected[b] : expectedOverflow;
            if (expectedRun >= MinExpectedPerCell)
            {
                cells.Add((observedRun, expectedRun));
                observedRun = expectedRun = 0;
            }
        }

        // The thin tail joins the last full cell, so no cell has an expectation near zero.
        if (cells.Count > 0 && (observedRun > 0 || expectedRun > 0))
        {
            var last = cells[^1];
            cells[^1] = (last.Observed + observedRun, last.Expected + expectedRun);
        }

        var chiSquare = 0.0;
        foreach (var (observed, expectation) in cells)
        {
            chiSquare += (observed - expectation) * (observed - expectation) / expectation;
        }

        return (chiSquare, Math.Max(cells.Count - 1, 0));
    }

    private static double KolmogorovSmirnov(double[] sorted, MaxwellBoltzmann2D law)
    {
        var n = (double)sorted.Length;
        var d = 0.0;
        for (var i = 0; i < sorted.Length; i++)
        {
            var f = law.Cdf(sorted[i]);
            d = Math.Max(d, Math.Max(f - (i / n), ((i + 1) / n) - f));
        }

        return d;
    }
}
