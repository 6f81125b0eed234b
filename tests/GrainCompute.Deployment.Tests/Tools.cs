using System.Diagnostics;

namespace GrainCompute.Deployment.Tests;

/// <summary>Runs the command-line tools the checks need (kubectl, node); a missing tool fails with how to install it.</summary>
internal static class Tools
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string tool, string install, IEnumerable<string> arguments, string? stdin = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            WorkingDirectory = workingDirectory ?? Repository.Root,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            Assert.Fail($"`{tool}` is not installed or not on PATH ({exception.Message}); {install}");
            throw;
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (stdin is not null)
            {
                await process.StandardInput.WriteAsync(stdin);
                process.StandardInput.Close();
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            return (process.ExitCode, await stdout, await stderr);
        }
    }
}
