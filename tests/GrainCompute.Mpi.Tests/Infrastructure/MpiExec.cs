using System.Diagnostics;
using System.Text;
using GrainCompute.Mpi.Examples.Serve;

namespace GrainCompute.Mpi.Tests.Infrastructure;

/// <summary>
/// Runs <c>mpiexec -n N --oversubscribe --bind-to none dotnet graincompute-mpi.dll …</c> for real, with the
/// environment .NET needs under Open MPI as root. A missing mpiexec fails the test, saying what to install.
/// </summary>
internal static class MpiExec
{
    /// <summary>Generous for 4 ranks on 2 shared cores; a hang is reported rather than waited out.</summary>
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(60);

    private static readonly string? _found = ExecutableSearch.Find("mpiexec");

    /// <summary>mpiexec on PATH; no skip when it is missing — these tests are the point of the project.</summary>
    public static string Path
    {
        get
        {
            Assert.True(_found is not null, "mpiexec not found on PATH: install Open MPI (apt-get install -y openmpi-bin libopenmpi-dev)");
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
        foreach (var argument in (string[])["-n", ranks.ToString(System.Globalization.CultureInfo.InvariantCulture), "--oversubscribe", "--bind-to", "none",
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
            Assert.Fail($"mpiexec -n {ranks} … {example} {string.Join(' ', arguments)} did not finish within {limit}; output:\n{await stdout}\n{await stderr}");
        }

        return new ExampleRun(process.ExitCode, await stdout, await stderr);
    }
}
