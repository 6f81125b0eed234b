namespace GrainCompute.Kernels.Tests.Kernels;

public sealed class CollatzKernelTests
{
    private static int Steps(long x)
    {
        var steps = 0;
        for (; x != 1; steps++)
        {
            x = x % 2 == 0 ? x / 2 : (3 * x) + 1;
        }

        return steps;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(0)]
    public async Task Steps_of_1_to_n_match_a_serial_loop_however_split(int chunkSize)
    {
        var items = await KernelHarness.ItemsAsync<int>("collatz", """{"n": 3000}""", chunkSize);
        Assert.Equal(Enumerable.Range(1, 3000).Select(i => Steps(i)), items);
        Assert.Equal(items.Max(), await KernelHarness.ReduceAsync("collatz", """{"n": 3000}""", chunkSize));
    }

    [Fact]
    public async Task The_longest_chain_below_100000_starts_at_77031_with_350_steps()
    {
        var items = await KernelHarness.ItemsAsync<int>("collatz", """{"n": 100000}""", 10_000);
        Assert.Equal(350, items.Max());
        Assert.Equal(77031 - 1, Array.IndexOf(items, 350));
    }
}
