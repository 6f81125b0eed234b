namespace GrainCompute.Kernels.Tests.Kernels;

public sealed class MonteCarloKernelTests
{
    private const string _pi = """{"samples": 2000000, "blockSize": 100000, "seed": 7}""";
    private const string _e = """{"samples": 1000000, "blockSize": 30000, "seed": 7}""";

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(0)]
    public async Task Pi_estimate_is_the_same_however_split(int chunkSize)
    {
        Assert.Equal(await KernelHarness.ReduceAsync("montecarlo-pi", _pi), await KernelHarness.ReduceAsync("montecarlo-pi", _pi, chunkSize));
    }

    [Fact]
    public async Task Pi_estimate_matches_a_serial_loop_over_the_same_streams_and_is_close_to_pi()
    {
        long hits = 0;
        for (var block = 0; block < 20; block++)
        {
            var random = new BlockRandom(7, block);
            for (var s = 0; s < 100_000; s++)
            {
                double x = random.NextDouble(), y = random.NextDouble();
                hits += (x * x) + (y * y) <= 1 ? 1 : 0;
            }
        }

        var estimate = (double)(await KernelHarness.ReduceAsync("montecarlo-pi", _pi, 3))!;
        Assert.Equal(4.0 * hits / 2_000_000, estimate);
        Assert.InRange(estimate, Math.PI - 0.006, Math.PI + 0.006); // ~5σ
    }

    [Fact]
    public async Task A_short_last_block_takes_the_remaining_samples()
    {
        var kernel = KernelHarness.Kernel("montecarlo-pi");
        var parameters = KernelHarness.Bind(kernel, """{"samples": 10, "blockSize": 4}""");
        Assert.Equal(3, kernel.ItemCount(parameters));
        var items = await KernelHarness.ItemsAsync<long>("montecarlo-pi", """{"samples": 10, "blockSize": 4}""");
        Assert.InRange(items[2], 0, 2);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(0)]
    public async Task E_estimate_is_the_same_however_split_and_close_to_e(int chunkSize)
    {
        var estimate = (double)(await KernelHarness.ReduceAsync("euler-e", _e, chunkSize))!;
        Assert.Equal(await KernelHarness.ReduceAsync("euler-e", _e), estimate);
        Assert.InRange(estimate, Math.E - 0.005, Math.E + 0.005); // σ ≈ 0.88/√10^6
    }
}
