namespace GrainCompute.Kernels.Tests.Kernels;

public sealed class SquareKernelTests
{
    [Fact]
    public async Task First_ten_seeds_match_the_seeds_published_numpy_output()
    {
        var items = await KernelHarness.ItemsAsync<int>("square", """{"n": 10}""");
        Assert.Equal([25, 25, 64, 64, 49, 9, 81, 16, 9, 25], items);
    }

    [Fact]
    public async Task Last_five_of_a_million_seeds_match_the_seeds_published_output()
    {
        var items = await KernelHarness.ChunkAsync<int>("square", "{}", 999_995, 5);
        Assert.Equal([81, 36, 1, 1, 1], items);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(0)]
    public async Task Items_and_sum_do_not_depend_on_the_chunk_split(int chunkSize)
    {
        const string parameters = """{"n": 200}""";
        var whole = await KernelHarness.ItemsAsync<int>("square", parameters);
        Assert.Equal(whole, await KernelHarness.ItemsAsync<int>("square", parameters, chunkSize));
        Assert.Equal(whole.Sum(x => (long)x), await KernelHarness.ReduceAsync("square", parameters, chunkSize));
    }

    [Fact]
    public async Task Every_item_is_the_square_of_a_digit()
    {
        var items = await KernelHarness.ItemsAsync<int>("square", """{"n": 1000}""", 100);
        Assert.All(items, x => Assert.Contains(x, new[] { 0, 1, 4, 9, 16, 25, 36, 49, 64, 81 }));
        Assert.Equal(10, items.Distinct().Count());
    }

    [Theory]
    [InlineData(0u, 100_003)]
    [InlineData(4_294_967_000u, 296)]
    [InlineData(123_457u, 5)]
    public void Vector_lanes_draw_what_one_seed_at_a_time_draws(uint firstSeed, int count)
    {
        var lanes = new uint[count];
        NumpyLegacyRandom.RandIntConsecutive(firstSeed, 10, lanes);

        for (var i = 0; i < count; i++)
        {
            Assert.Equal(NumpyLegacyRandom.RandInt(firstSeed + (uint)i, 10), lanes[i]);
        }
    }
}
