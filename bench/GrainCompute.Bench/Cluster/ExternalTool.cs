using System.Diagnostics;

namespace GrainCompute.Bench.Cluster;

/// <summary>Runs a helper program (initdb, pg_ctl, chown) to completion and fails with its output when it fails.</summary>
internal static class ExternalTool
{
    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>Whether <paramref name="name"/> is an executable file on PATH.</summary>
    public static bool OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Any(directory => File.Exists(Path.Combine(directory, name)));

    /// <summary>Runs the program, as user <paramref name="asUser"/> through <c>runuser</c> when this process is root.</summary>
    public static async Task RunAsync(string program, IEnumerable<string> arguments, string? asUser = null)
    {
        var info = asUser is not null && IsRoot ? new ProcessStartInfo("runuser") { ArgumentList = { "-u", asUser, "--", program } } : new ProcessStartInfo(program);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} exited with {process.ExitCode}: {(await stderr).Trim()} {(await stdout).Trim()}".Trim());
        }
    }
}
