namespace GrainCompute.Kernels.Tests.Kernels;

public sealed class CorrelateKernelTests
{
    /// <summary>One-pass textbook formula, independent of the kernel's two-pass one.</summary>
    private static double Pearson(double[] x, double[] y)
    {
        double n = x.Length, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sx += x[i];
            sy += y[i];
            sxx += x[i] * x[i];
            syy += y[i] * y[i];
            sxy += x[i] * y[i];
        }

        return ((n * sxy) - (sx * sy)) / Math.Sqrt(((n * sxx) - (sx * sx)) * ((n * syy) - (sy * sy)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(0)]
    public async Task Every_ordered_pair_matches_the_textbook_formula(int chunkSize)
    {
        const string json = """{"series": 5, "length": 2000, "seed": 3}""";
        var series = CorrelateKernel.Materialize(new CorrelateParameters { Series = 5, Length = 2000, Seed = 3 });
        var items = await KernelHarness.ItemsAsync<double>("correlate", json, chunkSize);
        Assert.Equal(20, items.Length);
        for (var k = 0; k < items.Length; k++)
        {
            var (a, b) = CorrelateKernel.PairOf(k, 5);
            Assert.NotEqual(a, b);
            Assert.Equal(Pearson(series[a], series[b]), items[k], 1e-9);
        }
    }

    [Fact]
    public async Task Pairs_are_all_ordered_pairs_of_distinct_series_and_symmetric()
    {
        var items = await KernelHarness.ItemsAsync<double>("correlate", "{}", 7);
        Assert.Equal(56, items.Length);
        var seen = new HashSet<(int, int)>();
        for (var k = 0; k < items.Length; k++)
        {
            var (a, b) = CorrelateKernel.PairOf(k, 8);
            Assert.True(seen.Add((a, b)));
            var mirror = Enumerable.Range(0, 56).Single(m => CorrelateKernel.PairOf(m, 8) == (b, a));
            Assert.Equal(items[mirror], items[k], 1e-12);
        }
    }

    [Fact]
    public async Task Explicit_data_gives_exact_correlations()
    {
        var items = await KernelHarness.ItemsAsync<double>("correlate", """{"data": [[1, 2, 3, 4], [2, 4, 6, 8], [4, 3, 2, 1]]}""");
        Assert.Equal([1.0, -1.0, 1.0, -1.0, -1.0, -1.0], items.Select(x => Math.Round(x, 12)));
    }

    [Theory]
    [InlineData(1000, 10_000_000)]
    [InlineData(1000, 20_001)]
    [InlineData(2, 10_000_001)]
    public void Generated_series_that_would_not_fit_in_memory_are_refused_naming_length(int series, int length)
    {
        var error = Assert.Throws<KernelParameterException>(() => KernelHarness.Bind(KernelHarness.Kernel("correlate"), $$"""{"series": {{series}}, "length": {{length}}}"""));

        Assert.Equal("length", error.Field);
    }

    [Fact]
    public void The_largest_generated_series_accepted_are_at_the_points_limit()
    {
        var bound = KernelHarness.Bind(KernelHarness.Kernel("correlate"), """{"series": 1000, "length": 20000}""");

        Assert.Equal(1000L * 999, KernelHarness.Kernel("correlate").ItemCount(bound));
        Assert.Equal(CorrelateKernel.MaxPoints, 1000L * 20_000);
    }
}
