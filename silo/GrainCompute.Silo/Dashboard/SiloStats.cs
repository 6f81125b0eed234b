namespace GrainCompute.Silo.Dashboard;

/// <summary>What one silo says about itself when the dashboard asks (through <see cref="IDashboardSiloGrain"/>).</summary>
/// <param name="Activations">Activations on the silo by grain interface.</param>
/// <param name="WindowSeconds">The span <paramref name="Grains"/> covers (the last ~10 s).</param>
/// <param name="Grains">Per grain class and method, what calls did in the window.</param>
/// <param name="Samples">Per-second samples newer than the time the caller asked from.</param>
/// <param name="Profiling">Whether every grain's calls are measured now (only while a dashboard watches).</param>
public sealed record SiloStats(
    string Address,
    SiloSample Latest,
    IReadOnlyDictionary<string, int> Activations,
    double WindowSeconds,
    IReadOnlyList<GrainMethodWindow> Grains,
    IReadOnlyList<SiloSample> Samples,
    bool Profiling);

/// <summary>One silo in one second.</summary>
/// <param name="UnixSeconds">The second it describes.</param>
/// <param name="CpuPercent">Process CPU over that second, in % of all cores.</param>
/// <param name="MemoryBytes">Process working set.</param>
/// <param name="BusyWorkers">CPU chunk workers running a chunk at the sample.</param>
/// <param name="ChunksPerSecond">Chunks finished in that second (CPU and I/O workers).</param>
/// <param name="ChunkP50Ms">Median run time of those chunks.</param>
/// <param name="ChunkP99Ms">99th percentile run time of those chunks.</param>
public sealed record SiloSample(
    long UnixSeconds,
    double CpuPercent,
    long MemoryBytes,
    long BusyWorkers,
    int WorkerSlots,
    double ChunksPerSecond,
    double ChunkP50Ms,
    double ChunkP99Ms);

/// <summary>One grain class's method over a window: counts, and latencies as <see cref="Runtime.Diagnostics.LatencyHistogram"/> bucket counts (trailing zeros cut).</summary>
public sealed record GrainMethodWindow(string GrainType, string Method, long Calls, long Errors, double TotalMilliseconds, long[] Buckets);
