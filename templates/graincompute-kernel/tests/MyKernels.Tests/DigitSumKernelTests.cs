using GrainCompute.Kernels;

namespace MyKernels.Tests;

public sealed class DigitSumKernelTests
{
    private readonly DigitSumKernel _kernel = new();

    [Fact]
    public void Jobs_submit_it_as_digit_sum() => Assert.Equal("digit-sum", _kernel.Name);

    [Fact]
    public async Task The_digit_sums_of_1_to_100_total_901() =>
        Assert.Equal(901L, await KernelJob.RunAsync(_kernel, """{"n": 100}"""));

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(100)]
    public async Task The_result_is_the_same_whatever_the_chunk_size(int chunkSize) =>
        Assert.Equal(901L, await KernelJob.RunAsync(_kernel, """{"n": 100}""", chunkSize));

    [Fact]
    public async Task Items_are_the_digit_sums_in_input_order() =>
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2, 3], await KernelJob.ItemsAsync(_kernel, """{"n": 12}""", chunkSize: 5));

    [Fact]
    public async Task Base_2_counts_the_one_bits() =>
        Assert.Equal(1L + 1 + 2 + 1 + 2 + 2 + 3 + 1, await KernelJob.RunAsync(_kernel, """{"n": 8, "base": 2}"""));

    [Fact]
    public async Task The_defaults_sum_the_digits_of_1_to_a_million() =>
        Assert.Equal(27_000_001L, await KernelJob.RunAsync(_kernel, "{}"));

    [Theory]
    [InlineData("""{"n": 0}""", "n")]
    [InlineData("""{"base": 37}""", "base")]
    [InlineData("""{"n": "ten"}""", "n")]
    [InlineData("""{"bsae": 2}""", "bsae")]
    public void A_bad_parameter_is_refused_naming_it(string parameters, string field) =>
        Assert.Equal(field, Assert.Throws<KernelParameterException>(() => _kernel.Bind(parameters)).Field);

    [Fact]
    public void The_catalog_shows_each_parameter_with_its_default() =>
        Assert.Equal([("n", (object?)1_000_000L), ("base", 10)], _kernel.Parameters.Select(p => (p.Name, p.Default)));
}
