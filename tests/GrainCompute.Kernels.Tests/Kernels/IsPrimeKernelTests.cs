namespace GrainCompute.Kernels.Tests.Kernels;

public sealed class IsPrimeKernelTests
{
    private static ulong SmallestFactorByTrialDivision(ulong n)
    {
        for (ulong d = 2; d * d <= n; d++)
        {
            if (n % d == 0)
            {
                return d;
            }
        }

        return 0;
    }

    [Fact]
    public async Task The_seeds_large_number_is_prime()
    {
        var result = (IsPrimeResult)(await KernelHarness.ReduceAsync("isprime", "{}", 16))!;
        Assert.Equal(new IsPrimeResult(489133282872437279, true, null), result);
    }

    [Fact]
    public async Task A_composite_with_a_small_factor_is_decided_by_the_first_interval()
    {
        var kernel = KernelHarness.Kernel("isprime");
        var parameters = KernelHarness.Bind(kernel, """{"n": 1467399848617311837}"""); // 3 × the seeds' prime
        var first = await kernel.RunChunkAsync(parameters, 0, 1, CancellationToken.None);
        Assert.True(kernel.DecidesJob(first));
        Assert.Equal(new IsPrimeResult(1467399848617311837, false, 3), kernel.Reduce(parameters, [first]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(256)]
    public async Task Agrees_with_trial_division_for_every_n_up_to_3000(int intervals)
    {
        for (ulong n = 2; n <= 3000; n++)
        {
            var result = (IsPrimeResult)(await KernelHarness.ReduceAsync("isprime", $$"""{"n": {{n}}, "intervals": {{intervals}}}""", 2))!;
            var factor = SmallestFactorByTrialDivision(n);
            Assert.Equal(factor == 0, result.IsPrime);
            Assert.Equal(factor == 0 ? null : (long)factor, result.Factor);
        }
    }

    [Theory]
    [InlineData(4L, 2L)]
    [InlineData(49L, 7L)]
    [InlineData(1_000_006_000_009L, 1_000_003L)] // a perfect square of a prime: the factor is √n itself
    [InlineData(1_000_036_000_099L, 1_000_003L)] // 1000003 × 1000033
    public async Task Finds_the_smallest_factor_at_interval_edges_and_perfect_squares(long n, long factor)
    {
        foreach (var chunkSize in new[] { 1, 7, 0 })
        {
            var result = (IsPrimeResult)(await KernelHarness.ReduceAsync("isprime", $$"""{"n": {{n}}, "intervals": 64}""", chunkSize))!;
            Assert.Equal(new IsPrimeResult(n, false, factor), result);
        }
    }

    [Fact]
    public async Task A_prime_chunk_does_not_decide_the_job()
    {
        var kernel = KernelHarness.Kernel("isprime");
        var parameters = KernelHarness.Bind(kernel, """{"n": 1000003}""");
        var payloads = await KernelHarness.RunAsync(kernel, parameters, 7);
        Assert.All(payloads, p => Assert.False(kernel.DecidesJob(p)));
    }
}
