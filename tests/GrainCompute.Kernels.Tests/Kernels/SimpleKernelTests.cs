namespace GrainCompute.Kernels.Tests.Kernels;

public sealed class SimpleKernelTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(0)]
    public async Task Square_number_maps_the_seeds_numbers_to_their_squares(int chunkSize)
    {
        var items = await KernelHarness.ItemsAsync<long>("square-number", "{}", chunkSize);
        Assert.Equal([1L, 4, 9, 16, 25, 36, 49, 64, 81, 100], items);
    }

    [Fact]
    public async Task Noop_returns_zeros_and_sums_to_zero()
    {
        var items = await KernelHarness.ItemsAsync<int>("noop", "{}", 30_000);
        Assert.Equal(100_000, items.Length);
        Assert.All(items, x => Assert.Equal(0, x));
        Assert.Equal(0L, await KernelHarness.ReduceAsync("noop", "{}"));
    }

    [Fact]
    public void Noop_suggests_the_requested_chunk_size()
    {
        var kernel = KernelHarness.Kernel("noop");
        Assert.Equal(500, kernel.SuggestChunkSize(KernelHarness.Bind(kernel, """{"chunkSize": 500}""")));
    }
}
