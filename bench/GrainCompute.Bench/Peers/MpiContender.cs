using System.Globalization;
using System.Text.Json;

namespace GrainCompute.Bench.Peers;

/// <summary>
/// GrainCompute's MPI examples (docs/mpi.md: MPI.NET over MPICH) under a real mpiexec.mpich, one rank per core: pi,
/// primes (countprimes) and the Julia pool. The time is the example's own: rank 0's MPI_Wtime after a barrier, so the launch of mpiexec and of
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
            var run = await ChildProcess.RunAsync(_launcher, Arguments(workload), settings.Cap, environment: RankEnvironment);
            if (run.Stopped)
            {
                return new PeerMeasurement { StoppedAfter = settings.Cap.TotalSeconds, Note = "stopped at the cap" };
            }

            if (run.ExitCode != 0 || run.LastJsonLine is not { } line)
            {
                return PeerMeasurement.Unavailable($"{_launcher} failed: {run.Failure}");
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

    // MPICH's Hydra, by its Debian name: plain mpiexec is the alternatives link, Open MPI's where the mpi4py peers need it.
    private const string _launcher = "mpiexec.mpich";

    /// <summary>
    /// OMPI_ALLOW_RUN_AS_ROOT and friends, for the mpi4py peers only: Debian's python3-mpi4py is built on Open MPI
    /// and runs under its mpiexec. GrainCompute's own column runs on MPICH and uses <see cref="RankEnvironment"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>
    {
        ["OMPI_ALLOW_RUN_AS_ROOT"] = "1",
        ["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1",
        ["TERM"] = "dumb",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };

    /// <summary>What the sidecar sets for the ranks: Hydra needs no run-as-root confirmation.</summary>
    private static IReadOnlyDictionary<string, string> RankEnvironment { get; } = new Dictionary<string, string>
    {
        ["TERM"] = "dumb",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };

    private string? Prerequisites()
    {
        if (!Cluster.ExternalTool.OnPath(_launcher))
        {
            return $"{_launcher} not on PATH: apt-get install mpich libmpich-dev";
        }

        return mpiDll is null || !File.Exists(mpiDll)
            ? "graincompute-mpi.dll not built: dotnet build mpi/GrainCompute.Mpi.Examples -c Release (or pass --mpi DLL)"
            : null;
    }

    private IEnumerable<string> Arguments(PeerWorkload workload) =>
        ["-n", settings.Cores.ToString(CultureInfo.InvariantCulture), "-bind-to", "none", "dotnet", mpiDll!, .. workload.Mpi!, "--json"];
}
