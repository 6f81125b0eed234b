using GrainCompute.Console.Output;

namespace GrainCompute.Client.Tests.Console.Output;

public sealed class ProgressStylesTests
{
    [Fact]
    public void Choose_TerminalWithATerm_IsABar() =>
        Assert.Equal(ProgressStyle.Bar, ProgressStyles.Choose(errorRedirected: false, Environment(("TERM", "xterm-256color"))));

    [Fact]
    public void Choose_StderrRedirected_IsPlainLines() =>
        Assert.Equal(ProgressStyle.Lines, ProgressStyles.Choose(errorRedirected: true, Environment(("TERM", "xterm-256color"))));

    [Fact]
    public void Choose_TermDumb_IsPlainLines() =>
        Assert.Equal(ProgressStyle.Lines, ProgressStyles.Choose(errorRedirected: false, Environment(("TERM", "dumb"))));

    [Theory]
    [InlineData("true")]
    [InlineData("1")]
    [InlineData("woodpecker")]
    public void Choose_CiSet_IsPlainLines(string ci) =>
        Assert.Equal(ProgressStyle.Lines, ProgressStyles.Choose(errorRedirected: false, Environment(("TERM", "xterm"), ("CI", ci))));

    [Theory]
    [InlineData("false")]
    [InlineData("0")]
    [InlineData("")]
    public void Choose_CiSetToFalse_IsABar(string ci) =>
        Assert.Equal(ProgressStyle.Bar, ProgressStyles.Choose(errorRedirected: false, Environment(("TERM", "xterm"), ("CI", ci))));

    [Fact]
    public void Choose_NoTermOutsideWindows_IsPlainLines()
    {
        var style = ProgressStyles.Choose(errorRedirected: false, Environment());

        Assert.Equal(OperatingSystem.IsWindows() ? ProgressStyle.Bar : ProgressStyle.Lines, style);
    }

    [Fact]
    public void Color_NoColorSet_IsOff() => Assert.False(ProgressStyles.Color(Environment(("NO_COLOR", "1"))));

    [Fact]
    public void Color_NoColorEmptyOrUnset_IsOn()
    {
        Assert.True(ProgressStyles.Color(Environment(("NO_COLOR", ""))));
        Assert.True(ProgressStyles.Color(Environment()));
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
