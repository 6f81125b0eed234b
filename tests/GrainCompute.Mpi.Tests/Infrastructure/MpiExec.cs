using System.Diagnostics;
using GrainCompute.Mpi.Examples.Serve;

namespace GrainCompute.Mpi.Tests.Infrastructure;

/// <summary>
/// Runs <c>mpiexec.mpich -n N -bind-to none dotnet graincompute-mpi.dll …</c> for real (MPICH's Hydra, the launcher
/// the sidecar uses). A missing mpiexec.mpich fails the test, saying what to install.
/// </summary>
internal static class MpiExec
{
    /// <summary>Generous for 4 ranks on 2 shared cores; a hang is reported rather than waited out.</summary>
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(60);

    private static readonly string? _found = ExecutableSearch.Find(MpiexecCommand.DefaultLauncher);

    /// <summary>mpiexec.mpich on PATH; no skip when it is missing — these tests are the point of the project.</summary>
    public static string Path
    {
        get
        {
            Assert.True(_found is not null, $"{MpiexecCommand.DefaultLauncher} not found on PATH: install MPICH ({MpichLibrary.InstallHint})");
            return _found;
        }
    }

    public static async Task<ExampleRun> RunAsync(int ranks, string example, params string[] arguments) =>
        await RunAsync(ranks, DefaultLimit, example, arguments);

    public static async Task<ExampleRun> RunAsync(int ranks, TimeSpan limit, string example, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-n", ranks.ToString(System.Globalization.CultureInfo.InvariantCulture), "-bind-to", "none",
                     "dotnet", ExamplesAssembly.Path, example, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in MpiexecCommand.RankEnvironment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"mpiexec.mpich -n {ranks} … {example} {string.Join(' ', arguments)} did not finish within {limit}; output:\n{await stdout}\n{await stderr}");
        }

        return new ExampleRun(process.ExitCode, await stdout, await stderr);
    }
}
