using System.Text.Json;

namespace GrainCompute.Kernels.Tests.Binding;

public sealed class ParameterBindingTests
{
    private static KernelParameterException BindError(string kernel, string json) =>
        Assert.Throws<KernelParameterException>(() => KernelHarness.Bind(KernelHarness.Kernel(kernel), json));

    [Theory]
    [InlineData("isprime")]
    [InlineData("countprimes")]
    public void Negative_n_names_the_field_for_prime_kernels(string kernel)
    {
        var error = BindError(kernel, """{"n": -5}""");
        Assert.Equal("n", error.Field);
        Assert.StartsWith("n must be ≥ 2", error.Message);
    }

    [Fact]
    public void An_unknown_parameter_is_named_with_the_known_ones()
    {
        var error = BindError("julia", """{"widht": 10}""");
        Assert.Equal("widht", error.Field);
        Assert.Equal("unknown parameter 'widht'; known: width, height", error.Message);
    }

    [Theory]
    [InlineData("""{"n": "ten"}""", "n", "n must be an integer")]
    [InlineData("""{"n": "10"}""", "n", "n must be an integer")]
    [InlineData("""{"n": 2.5}""", "n", "n must be an integer")]
    [InlineData("""{"n": [1]}""", "n", "n must be an integer")]
    public void A_wrong_json_type_names_the_field(string json, string field, string message)
    {
        var error = BindError("collatz", json);
        Assert.Equal(field, error.Field);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void An_array_of_the_wrong_type_names_the_field()
    {
        var error = BindError("sumprimes", """{"numbers": ["a"]}""");
        Assert.Equal("numbers", error.Field);
        Assert.Equal("numbers must be an array", error.Message);
    }

    [Fact]
    public void Null_or_absent_parameters_take_the_seeds_defaults()
    {
        var kernel = (IsPrimeKernel)KernelHarness.Kernel("isprime");
        foreach (var json in new[] { "null", "{}", """{"n": null}""" })
        {
            using var document = JsonDocument.Parse(json);
            var bound = (IsPrimeParameters)((IKernel)kernel).BindParameters(document.RootElement.Clone());
            Assert.Equal(489133282872437279, bound.N);
            Assert.Equal(256, bound.Intervals);
        }

        Assert.Equal(256, kernel.Bind((JsonElement?)null).Intervals);
    }

    [Fact]
    public void Given_values_override_defaults_and_names_are_camel_case()
    {
        var bound = (MonteCarloPiParameters)KernelHarness.Bind(KernelHarness.Kernel("montecarlo-pi"), """{"blockSize": 10, "samples": 100}""");
        Assert.Equal(10, bound.BlockSize);
        Assert.Equal(100, bound.Samples);
        Assert.Equal(42, bound.Seed);
    }

    [Fact]
    public void Schema_defaults_come_from_a_fresh_parameters_object()
    {
        var schema = KernelHarness.Kernel("julia").Parameters;
        Assert.Equal(
            [new KernelParameter("width", "integer", 1280, schema[0].Description), new KernelParameter("height", "integer", 960, schema[1].Description)],
            schema);
        Assert.Equal(new long[] { 100_000, 200_000, 300_000 }, (long[])KernelHarness.Kernel("sumprimes").Parameters[0].Default!);
    }

    [Fact]
    public void Range_errors_name_their_field()
    {
        Assert.Equal("intervals", BindError("isprime", """{"intervals": 0}""").Field);
        Assert.Equal("width", BindError("julia", """{"width": 0}""").Field);
        Assert.Equal("delay", BindError("slowadd", """{"delay": -1}""").Field);
        Assert.Equal("data", BindError("correlate", """{"data": [[1, 2], [1]]}""").Field);
        Assert.Equal("numbers", BindError("sumprimes", """{"numbers": []}""").Field);
    }

    [Fact]
    public void Parameters_that_are_not_an_object_are_rejected()
    {
        Assert.Equal("parameters", BindError("noop", "[1, 2]").Field);
    }
}
