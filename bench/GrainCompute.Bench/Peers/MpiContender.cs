using System.Globalization;
using System.Text.Json;

namespace GrainCompute.Bench.Peers;

/// <summary>
/// GrainCompute's MPI examples (docs/mpi.md) under a real mpiexec, one rank per core: pi, primes (countprimes) and the
/// Julia pool. The time is the example's own: rank 0's MPI_Wtime after a barrier, so the launch of mpiexec and of
/// the .NET ranks is outside it, as the Python pools' start is outside theirs.
/// </summary>
internal sealed class MpiContender(string? mpiDll, PeerSettings settings) : IPeerContender
{
    public string Name => "GrainCompute MPI";

    public bool IsPython => false;

    public async Task<PeerMeasurement> MeasureAsync(PeerWorkload workload, CancellationToken cancellationToken = default)
    {
        if (workload.Mpi is null)
        {
            return PeerMeasurement.Unavailable("no MPI example for this workload");
        }

        if (Prerequisites() is { } missing)
        {
            return PeerMeasurement.Unavailable(missing);
        }

        var times = new List<double>();
        string? result = null;
        for (var i = 0; i <= settings.Repeats; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var run = await ChildProcess.RunAsync("mpiexec", Arguments(workload), settings.Cap, environment: Environment);
            if (run.Stopped)
            {
                return new PeerMeasurement { StoppedAfter = settings.Cap.TotalSeconds, Note = "stopped at the cap" };
            }

            if (run.ExitCode != 0 || run.LastJsonLine is not { } line)
            {
                return PeerMeasurement.Unavailable($"mpiexec failed: {run.Failure}");
            }

            using var json = JsonDocument.Parse(line);
            if (i > 0)
            {
                times.Add(json.RootElement.GetProperty("seconds").GetDouble());
            }

            result = json.RootElement.GetProperty("result") is var r && r.ValueKind == JsonValueKind.String && workload.Kernel == "julia"
                ? null // a SHA-256 of the PGM, not the pixel sum: not compared
                : PeerResults.FromJson(workload, r);
        }

        return PeerMeasurement.FromRuns(times, result, note: workload.Kernel == "julia" ? "image hash not compared" : null);
    }

    /// <summary>OMPI_ALLOW_RUN_AS_ROOT and friends, as the MPI tests and the sidecar set them.</summary>
    public static IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>
    {
        ["OMPI_ALLOW_RUN_AS_ROOT"] = "1",
        ["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1",
        ["TERM"] = "dumb",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };

    private string? Prerequisites()
    {
        if (!Cluster.ExternalTool.OnPath("mpiexec"))
        {
            return "mpiexec not on PATH: apt-get install openmpi-bin";
        }

        return mpiDll is null || !File.Exists(mpiDll)
            ? "graincompute-mpi.dll not built: dotnet build mpi/GrainCompute.Mpi.Examples -c Release (or pass --mpi DLL)"
            : null;
    }

    private IEnumerable<string> Arguments(PeerWorkload workload) =>
        ["-n", settings.Cores.ToString(CultureInfo.InvariantCulture), "--oversubscribe", "--bind-to", "none", "dotnet", mpiDll!, .. workload.Mpi!, "--json"];
}
