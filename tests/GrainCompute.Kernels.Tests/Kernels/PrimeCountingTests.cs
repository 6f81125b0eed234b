namespace GrainCompute.Kernels.Tests.Kernels;

public sealed class PrimeCountingTests
{
    private static bool IsPrimeByTrialDivision(long n)
    {
        if (n < 2)
        {
            return false;
        }

        for (long d = 2; d * d <= n; d++)
        {
            if (n % d == 0)
            {
                return false;
            }
        }

        return true;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(0)]
    public async Task Countprimes_finds_78498_primes_below_a_million_however_split(int chunkSize)
    {
        Assert.Equal(78498L, await KernelHarness.ReduceAsync("countprimes", "{}", chunkSize));
    }

    [Theory]
    [InlineData(2L)]
    [InlineData(1024L)]
    [InlineData(1025L)]
    [InlineData(20_000L)]
    public async Task Countprimes_agrees_with_trial_division(long n)
    {
        long expected = 0;
        for (long i = 0; i <= n; i++)
        {
            expected += IsPrimeByTrialDivision(i) ? 1 : 0;
        }

        foreach (var chunkSize in new[] { 1, 7, 0 })
        {
            Assert.Equal(expected, await KernelHarness.ReduceAsync("countprimes", $$"""{"n": {{n}}, "rangeSize": 1024}""", chunkSize));
        }
    }

    [Fact]
    public async Task Sumprimes_reproduces_the_seeds_published_sums()
    {
        var items = await KernelHarness.ItemsAsync<long>("sumprimes", "{}", 1);
        Assert.Equal([454396537L, 1709600813L, 3709507114L], items);
        Assert.Null(await KernelHarness.ReduceAsync("sumprimes", "{}"));
    }

    [Fact]
    public async Task Sumprimes_agrees_with_trial_division_for_small_numbers()
    {
        long[] numbers = [0, 1, 2, 3, 10, 97, 1000, 65_537];
        var items = await KernelHarness.ItemsAsync<long>("sumprimes", $$"""{"numbers": [{{string.Join(",", numbers)}}]}""", 3);
        for (var i = 0; i < numbers.Length; i++)
        {
            long expected = 0;
            for (long x = 2; x <= numbers[i]; x++)
            {
                expected += IsPrimeByTrialDivision(x) ? x : 0;
            }

            Assert.Equal(expected, items[i]);
        }
    }
}
