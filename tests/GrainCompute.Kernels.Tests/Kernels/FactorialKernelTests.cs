using System.Numerics;

namespace GrainCompute.Kernels.Tests.Kernels;

public sealed class FactorialKernelTests
{
    private static BigInteger SerialFactorial(int n)
    {
        var product = BigInteger.One;
        for (var i = 2; i <= n; i++)
        {
            product *= i;
        }

        return product;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(0)]
    public async Task Exact_value_matches_a_serial_loop_however_split(int chunkSize)
    {
        var result = (FactorialResult)(await KernelHarness.ReduceAsync("factorial", """{"n": 3000, "blockSize": 100}""", chunkSize))!;
        var expected = SerialFactorial(3000);
        var text = expected.ToString();
        Assert.Equal(expected, result.Value);
        Assert.Equal(text.Length, result.Digits);
        Assert.Equal(text[..50], result.Leading);
        Assert.Equal(text[^50..], result.Trailing);
    }

    [Theory]
    [InlineData(0, "1")]
    [InlineData(1, "1")]
    [InlineData(5, "120")]
    [InlineData(25, "15511210043330985984000000")]
    public async Task Small_factorials_are_exact(int n, string expected)
    {
        var result = (FactorialResult)(await KernelHarness.ReduceAsync("factorial", $$"""{"n": {{n}}, "blockSize": 3}""", 1))!;
        Assert.Equal(new FactorialResult(n, expected.Length, expected, expected), result with { Value = default });
        Assert.Equal(BigInteger.Parse(expected), result.Value);
    }

    [Fact]
    public async Task The_seeds_100000_factorial_has_456574_digits()
    {
        var result = (FactorialResult)(await KernelHarness.ReduceAsync("factorial", "{}", 10))!;
        Assert.Equal(456574, result.Digits);
        Assert.Equal("28242294079603478742934215780245355184774949260912", result.Leading);
        Assert.Equal(new string('0', 50), result.Trailing);
    }
}
