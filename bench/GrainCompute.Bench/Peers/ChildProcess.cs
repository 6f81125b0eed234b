using System.Diagnostics;

namespace GrainCompute.Bench.Peers;

/// <summary>Runs a program to its end or to a cap, keeping stdout and stderr; past the cap the whole tree is killed.</summary>
internal static class ChildProcess
{
    public static async Task<ChildResult> RunAsync(string program, IEnumerable<string> arguments, TimeSpan cap, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(cap);
        var stopped = false;
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            stopped = true;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        return new ChildResult(stopped ? null : process.ExitCode, await stdout, await stderr, clock.Elapsed, stopped);
    }
}

/// <summary>How a child process ended: its exit code (null when stopped at the cap) and its output.</summary>
internal sealed record ChildResult(int? ExitCode, string Stdout, string Stderr, TimeSpan Wall, bool Stopped)
{
    /// <summary>The last stdout line that is a JSON object: what the peer scripts and graincompute-mpi --json print.</summary>
    public string? LastJsonLine => Stdout.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith('{') && l.EndsWith('}'));

    /// <summary>The error's last line, for an n/a reason.</summary>
    public string Failure => (Stderr.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0) ?? $"exit code {ExitCode}").Trim();
}
