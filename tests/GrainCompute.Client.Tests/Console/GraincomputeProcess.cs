using System.Diagnostics;

namespace GrainCompute.Client.Tests.Console;

/// <summary>Runs `graincompute` as a user does: a separate process, its exit code, stdout and stderr.</summary>
internal static class GraincomputeProcess
{
    public sealed record Run(int ExitCode, string Stdout, string Stderr);

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>The command line that starts the console built with the tests (JIT).</summary>
    public static IReadOnlyList<string> Managed => ["dotnet", ConsolePath()];

    /// <summary>With stdout and stderr redirected (pipes, as in a script or CI).</summary>
    public static Task<Run> RunAsync(params string[] args) => RunAsync(Managed, args);

    /// <summary>Runs the console that <paramref name="console"/> starts (another build of it), redirected.</summary>
    public static Task<Run> RunAsync(IReadOnlyList<string> console, params string[] args) =>
        WaitAsync(Redirected(console, args), $"graincompute {string.Join(' ', args)}");

    /// <summary>Started with stdout and stderr redirected, for a test that reads them as they come; the caller ends it.</summary>
    public static Process Start(params string[] args) =>
        Process.Start(Redirected(Managed, args)) ?? throw new InvalidOperationException("could not start dotnet");

    /// <summary>Sends SIGINT, as Ctrl+C on a terminal does.</summary>
    public static async Task InterruptAsync(Process process)
    {
        using var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.True(kill.ExitCode == 0, $"kill -INT {process.Id} exited {kill.ExitCode}");
    }

    private static ProcessStartInfo Redirected(IReadOnlyList<string> console, string[] args)
    {
        var start = new ProcessStartInfo(console[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in console.Skip(1).Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    /// <summary>
    /// On a pseudo-terminal, through util-linux `script`: stdout and stderr both reach the terminal, and
    /// <see cref="Run.Stdout"/> is what the terminal received, escapes included. <paramref name="environment"/>
    /// sets variables (null removes one) over this process's.
    /// </summary>
    public static Task<Run> OnTerminalAsync(IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        OnTerminalAsync(Managed, environment, args);

    /// <summary>As <see cref="OnTerminalAsync(IReadOnlyDictionary{string, string?}, string[])"/>, for the console that <paramref name="console"/> starts.</summary>
    public static Task<Run> OnTerminalAsync(IReadOnlyList<string> console, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var command = string.Join(' ', console.Concat(args).Select(Quote));
        var start = new ProcessStartInfo("script") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var arg in new[] { "--quiet", "--return", "--command", command, "/dev/null" })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        return WaitAsync(start, $"script -c '{command}'");
    }

    private static string Quote(string arg) => $"'{arg.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    private static async Task<Run> WaitAsync(ProcessStartInfo start, string what)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        if (start.RedirectStandardInput)
        {
            process.StandardInput.Close();
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{what} did not exit within {Limit.TotalSeconds} s");
        }

        return new Run(process.ExitCode, await stdout, await stderr);
    }

    // The console project is referenced, so graincompute.dll and its runtimeconfig sit next to the tests.
    private static string ConsolePath()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "graincompute.dll");
        Assert.True(File.Exists(path) && File.Exists(Path.ChangeExtension(path, ".runtimeconfig.json")), $"expected the console at {path} (built with the tests)");
        return path;
    }
}
