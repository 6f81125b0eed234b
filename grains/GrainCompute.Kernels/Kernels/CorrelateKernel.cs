namespace GrainCompute.Kernels;

internal sealed class CorrelateParameters
{
    [KernelParameterDescription("Number of generated random-walk series, 2..1000 (ignored when data is given).")]
    public int Series { get; set; } = 8;

    [KernelParameterDescription("Points per generated series, 2..10^7, and series × length ≤ 2·10^7 (ignored when data is given).")]
    public int Length { get; set; } = 10_000;

    [KernelParameterDescription("Seed of the generated series; series j walks its own stream (seed, j).")]
    public long Seed { get; set; } = 42;

    [KernelParameterDescription("Explicit series instead of generated ones: at least 2 arrays of equal length ≥ 2.")]
    public double[][]? Data { get; set; }
}

/// <summary>
/// Seed 003's pairwise correlations: <c>results[a, b] = series[a].corr(series[b])</c> for every a ≠ b.
/// Item k is the ordered pair (a, b) = (k / (s−1), the k % (s−1)-th index other than a); the value is
/// Pearson's r computed two-pass (means first) like pandas.
/// </summary>
internal sealed class CorrelateKernel : Kernel<CorrelateParameters, double>
{
    public override string Name => "correlate";

    public override string Description => "Pearson correlation of every ordered pair (a, b), a ≠ b, of random walks or given series";

    public override ReductionKind Reduction => ReductionKind.None;

    /// <summary>Most points of generated series (series × length) a job may ask for.</summary>
    public const long MaxPoints = 20_000_000;

    public override long ItemCount(CorrelateParameters parameters)
    {
        long s = SeriesCount(parameters);
        return s * (s - 1);
    }

    public override void RunChunk(CorrelateParameters parameters, long start, Span<double> results, CancellationToken cancellationToken)
    {
        // Regenerating the walks per chunk costs s·length draws, small next to the pairs' work and no state to ship.
        var series = Materialize(parameters);
        for (var i = 0; i < results.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (a, b) = PairOf(start + i, series.Length);
            results[i] = Pearson(series[a], series[b]);
        }
    }

    /// <summary>The pair an item stands for.</summary>
    public static (int A, int B) PairOf(long item, int seriesCount)
    {
        var others = seriesCount - 1;
        var a = (int)(item / others);
        var b = (int)(item % others);
        return (a, b >= a ? b + 1 : b);
    }

    /// <summary>The generated (or given) series, for tests and reference computations.</summary>
    public static double[][] Materialize(CorrelateParameters parameters)
    {
        if (parameters.Data is { } data)
        {
            return data;
        }

        var series = new double[parameters.Series][];
        for (var j = 0; j < series.Length; j++)
        {
            var random = new BlockRandom(parameters.Seed, j);
            var walk = new double[parameters.Length];
            var position = 0.0;
            for (var t = 0; t < walk.Length; t++)
            {
                position += (2.0 * random.NextDouble()) - 1.0;
                walk[t] = position;
            }

            series[j] = walk;
        }

        return series;
    }

    protected override double EstimateItemNanoseconds(CorrelateParameters parameters) =>
        (parameters.Data?[0].Length ?? parameters.Length) * 3.0;

    protected override void Validate(CorrelateParameters parameters)
    {
        if (parameters.Data is { } data)
        {
            if (data.Length < 2 || data[0] is null || data[0].Length < 2)
            {
                throw Invalid("data", "data must hold at least 2 series of at least 2 points");
            }

            foreach (var series in data)
            {
                if (series is null || series.Length != data[0].Length)
                {
                    throw Invalid("data", "data's series must all have the same length");
                }
            }

            return;
        }

        if (parameters.Series is < 2 or > 1000)
        {
            throw Invalid("series", "series must be ≥ 2 and ≤ 1000");
        }

        if (parameters.Length is < 2 or > 10_000_000)
        {
            throw Invalid("length", "length must be ≥ 2 and ≤ 10^7");
        }

        // Every chunk holds all the series (each pair's second series ranges over all of them): bounded so that one
        // chunk of one job cannot take the silo's memory (1000 × 10^7 points would be 80 GB).
        if ((long)parameters.Series * parameters.Length > MaxPoints)
        {
            throw Invalid("length", $"series × length must be ≤ {MaxPoints:N0} points ({MaxPoints * sizeof(double) / 1_000_000} MB held by each running chunk): with {parameters.Series} series, length ≤ {MaxPoints / parameters.Series}");
        }
    }

    private static int SeriesCount(CorrelateParameters parameters) => parameters.Data?.Length ?? parameters.Series;

    private static double Pearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var meanX = 0.0;
        var meanY = 0.0;
        for (var t = 0; t < x.Length; t++)
        {
            meanX += x[t];
            meanY += y[t];
        }

        meanX /= x.Length;
        meanY /= y.Length;
        var sxy = 0.0;
        var sxx = 0.0;
        var syy = 0.0;
        for (var t = 0; t < x.Length; t++)
        {
            var dx = x[t] - meanX;
            var dy = y[t] - meanY;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        return sxy / Math.Sqrt(sxx * syy);
    }
}
