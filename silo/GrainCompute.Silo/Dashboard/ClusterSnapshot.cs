using GrainCompute.Grains;

namespace GrainCompute.Server.Dashboard;

/// <summary>GET {dashboard}/api/cluster: every silo membership knows (dead ones for a while), with its own figures where it answered.</summary>
/// <param name="Gateway">The silo that served this.</param>
/// <param name="KernelVersions">Kernels that active silos serve at more than one version (a rolling upgrade, or a pack out of step).</param>
public sealed record ClusterSnapshot(string ClusterId, string Gateway, DateTimeOffset Time, ClusterTotals Totals, IReadOnlyList<DashboardSilo> Silos, IReadOnlyList<KernelVersions> KernelVersions);

/// <summary>A kernel served at several versions: which silos (by name) have which.</summary>
public sealed record KernelVersions(string Kernel, IReadOnlyDictionary<string, IReadOnlyList<string>> SilosByVersion)
{
    /// <summary>Every kernel that the silos serve at more than one version.</summary>
    public static IReadOnlyList<KernelVersions> Differing(IEnumerable<SiloWorkerInfo> silos) =>
        [.. silos
            .SelectMany(silo => silo.Kernels.Select(kernel => (Silo: silo.Name, kernel.Name, kernel.Version)))
            .GroupBy(served => served.Name, StringComparer.OrdinalIgnoreCase)
            .Where(kernel => kernel.Select(served => served.Version).Distinct().Count() > 1)
            .OrderBy(kernel => kernel.Key, StringComparer.Ordinal)
            .Select(kernel => new KernelVersions(kernel.Key, kernel.GroupBy(served => served.Version)
                .ToDictionary(version => version.Key, version => (IReadOnlyList<string>)[.. version.Select(served => served.Silo)])))];
}

/// <summary>Sums over the active silos.</summary>
public sealed record ClusterTotals(int ActiveSilos, int WorkerSlots, long BusyWorkers, double ChunksPerSecond);

/// <summary>One silo row. The figures (CPU, memory, busy, chunks/s, activations) are null when the silo did not answer.</summary>
/// <param name="Address">The silo's Orleans address (<see cref="SiloAddress.ToString"/>, as /health/ready and chunk rows show it).</param>
/// <param name="Status">joining, active, shuttingDown or dead (Orleans membership); unreachable when active but not answering.</param>
/// <param name="Activations">Activations on the silo by grain class (full name), as Orleans counts them.</param>
/// <param name="SuspectedBy">Silos whose vote to declare this one dead still counts (Orleans' membership table).</param>
public sealed record DashboardSilo(
    string Name,
    string Address,
    string Status,
    string? GatewayUrl,
    DateTimeOffset Started,
    double UptimeSeconds,
    int WorkerSlots,
    double? CpuPercent,
    long? MemoryBytes,
    long? BusyWorkers,
    double? ChunksPerSecond,
    IReadOnlyDictionary<string, int>? Activations,
    IReadOnlyList<string> SuspectedBy);

/// <summary>The cluster in one second, for the charts: sums over silos, and the slowest silo's chunk latencies.</summary>
public sealed record ClusterSample(long UnixSeconds, double ChunksPerSecond, long BusyWorkers, int WorkerSlots, double ChunkP50Ms, double ChunkP99Ms, double CpuPercent, int Silos);
