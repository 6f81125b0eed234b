using GrainCompute.Console.Cli;

namespace GrainCompute.Client.Tests;

public sealed class ParameterArgumentsTests
{
    [Theory]
    [InlineData("n=10^6", "{\"n\":1000000}")]
    [InlineData("n=1e6", "{\"n\":1000000}")]
    [InlineData("numbers=[1,2]", "{\"numbers\":[1,2]}")]
    [InlineData("delay=0.5", "{\"delay\":0.5}")]
    [InlineData("name=abc", "{\"name\":\"abc\"}")]
    public void Parse_Value_BecomesTheExpectedJson(string pair, string json) =>
        Assert.Equal(json, ParameterArguments.Parse([pair])!.ToJsonString());

    [Fact]
    public void Parse_PairWithoutEquals_ThrowsUsageNamingIt() =>
        Assert.Contains("'n'", Assert.Throws<UsageException>(() => ParameterArguments.Parse(["n"])).Message, StringComparison.Ordinal);
}
