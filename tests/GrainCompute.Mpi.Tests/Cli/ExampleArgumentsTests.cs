using GrainCompute.Mpi.Examples.Cli;

namespace GrainCompute.Mpi.Tests.Cli;

public sealed class ExampleArgumentsTests
{
    private static readonly ExampleParameter[] _declared = [ExampleParameter.Integer("samples", "points", 100, 1, 1_000_000_000_000)];

    [Fact]
    public void Parse_AcceptsScientificNotation_ForIntegers()
    {
        var arguments = ExampleArguments.Parse("pi", ["--samples", "1e8", "--json"], _declared);

        Assert.Equal(100_000_000, arguments.GetInt64("samples"));
        Assert.True(arguments.Json);
    }

    [Theory]
    [InlineData("0", "--samples must be between 1 and 1000000000000, got 0")]
    [InlineData("1.5", "--samples must be an integer, got '1.5'")]
    public void Parse_RejectsValuesOutsideTheDeclaredRange(string value, string message)
    {
        var error = Assert.Throws<ExampleArgumentException>(() => ExampleArguments.Parse("pi", ["--samples", value], _declared));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
