using System.Diagnostics;
using System.Text;

namespace GrainCompute.Testing;

/// <summary>
/// Runs the <c>dotnet</c> CLI as a user would, from a test: plain output (TERM=dumb, no logo, no telemetry), no
/// build servers left behind (they would hold the output pipes open past the command's exit), and no MSBuild
/// variables inherited from the test host, which would point the child at the host's own build.
/// </summary>
public static class DotnetCli
{
    private static readonly Dictionary<string, string> Quiet = new(StringComparer.Ordinal)
    {
        ["TERM"] = "dumb",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
        ["UseSharedCompilation"] = "false",
    };

    /// <summary>
    /// Runs <c>dotnet <paramref name="arguments"/></c> in <paramref name="workingDirectory"/> and returns its output
    /// (stdout and stderr, interleaved); a non-zero exit or <paramref name="timeout"/> throws with that output.
    /// </summary>
    public static async Task<string> RunAsync(
        string workingDirectory, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in Quiet.Concat(environment))
        {
            info.Environment[name] = value;
        }

        var output = new StringBuilder();
        void Append(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        }

        var command = $"dotnet {string.Join(' ', arguments)}";
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"`{command}` in {workingDirectory} did not finish within {timeout.TotalSeconds} s; its output so far:\n{Text(output)}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{command}` in {workingDirectory} failed with exit code {process.ExitCode}:\n{Text(output)}");
        }

        return Text(output);
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
