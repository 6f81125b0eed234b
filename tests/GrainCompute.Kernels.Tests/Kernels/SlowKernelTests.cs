namespace GrainCompute.Kernels.Tests.Kernels;

public sealed class SlowKernelTests
{
    [Theory]
    [InlineData("slowadd", """{"a": 1, "b": 2, "delay": 0}""", 3L)]
    [InlineData("slowsub", """{"a": 4, "b": 1, "delay": 0}""", 3L)]
    [InlineData("slowinc", """{"x": 41, "delay": 0}""", 42L)]
    [InlineData("slowadd", """{"a": 1, "b": 1, "delay": 0, "count": 10}""", 20L)]
    public async Task Slow_arithmetic_returns_the_seeds_values(string kernel, string parameters, long expected)
    {
        Assert.Equal(expected, await KernelHarness.ReduceAsync(kernel, parameters, 3));
    }

    [Theory]
    [InlineData("slowadd", """{"a": 9223372036854775807, "b": 1, "delay": 0}""", "b")]
    [InlineData("slowsub", """{"a": -9223372036854775808, "b": 1, "delay": 0}""", "b")]
    [InlineData("slowinc", """{"x": 9223372036854775807, "delay": 0}""", "x")]
    [InlineData("slowadd", """{"a": 4611686018427387904, "b": 0, "delay": 0, "count": 2}""", "b")]
    public void A_value_or_sum_beyond_64_bit_integers_is_refused_not_wrapped(string kernel, string parameters, string field)
    {
        var error = Assert.Throws<KernelParameterException>(() => KernelHarness.Bind(KernelHarness.Kernel(kernel), parameters));

        Assert.Equal(field, error.Field);
        Assert.Contains("leaves the 64-bit integers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_are_the_seeds_delay_of_one_second_and_one_call()
    {
        var schema = KernelHarness.Kernel("slowadd").Parameters.ToDictionary(p => p.Name, p => p.Default);
        Assert.Equal(1.0, schema["delay"]);
        Assert.Equal(1, schema["count"]);
    }

    [Fact]
    public async Task Cancelling_ends_the_delay_at_once()
    {
        var kernel = KernelHarness.Kernel("slowadd");
        var parameters = KernelHarness.Bind(kernel, """{"delay": 3600}""");
        using var cancellation = new CancellationTokenSource();
        var chunk = kernel.RunChunkAsync(parameters, 0, 1, cancellation.Token).AsTask();
        Assert.False(chunk.IsCompleted);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => chunk);
    }
}
