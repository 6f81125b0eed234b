namespace GrainCompute.Console.Output;

/// <summary>How a command shows a job's progress on stderr.</summary>
internal enum ProgressStyle
{
    /// <summary>Nothing: the command writes JSON, or measures (demo).</summary>
    None,

    /// <summary>A plain line a second (<see cref="Formats.Progress"/>): what logs, CI and scripts read, never redrawn.</summary>
    Lines,

    /// <summary>A bar redrawn in place with items/s and the time left: stderr is a terminal that understands escapes.</summary>
    Bar,
}

/// <summary>Picks the <see cref="ProgressStyle"/> for stderr from what it is connected to and the environment.</summary>
internal static class ProgressStyles
{
    /// <summary>The style for this process's stderr.</summary>
    public static ProgressStyle ForStandardError() => Choose(System.Console.IsErrorRedirected, Environment.GetEnvironmentVariable);

    /// <summary>
    /// A bar only on a terminal: stderr redirected (a file, a pipe, a test), TERM=dumb (no cursor movement), no TERM at
    /// all outside Windows, or CI set (a CI log keeps every redraw) all get plain lines.
    /// </summary>
    public static ProgressStyle Choose(bool errorRedirected, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var term = environment("TERM");
        var dumb = term is "dumb" || (string.IsNullOrEmpty(term) && !OperatingSystem.IsWindows());
        return errorRedirected || dumb || IsSet(environment("CI")) ? ProgressStyle.Lines : ProgressStyle.Bar;
    }

    /// <summary>NO_COLOR (no-color.org): set and not empty turns color off; the bar is still drawn.</summary>
    public static bool Color(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return string.IsNullOrEmpty(environment("NO_COLOR"));
    }

    private static bool IsSet(string? value) =>
        !string.IsNullOrEmpty(value) && !value.Equals("false", StringComparison.OrdinalIgnoreCase) && value != "0";
}
