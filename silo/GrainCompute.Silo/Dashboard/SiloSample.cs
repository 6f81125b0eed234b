namespace GrainCompute.Server.Dashboard;

/// <summary>One silo in one second.</summary>
/// <param name="UnixSeconds">The second it describes.</param>
/// <param name="CpuPercent">Process CPU over that second, in % of all cores.</param>
/// <param name="MemoryBytes">Process working set.</param>
/// <param name="BusyWorkers">Worker slots running a CPU-bound chunk at the sample.</param>
/// <param name="ChunksPerSecond">Chunks finished in that second (CPU- and I/O-bound).</param>
/// <param name="ChunkP50Ms">Median run time of those chunks (the kernel's run, not the wait for a slot).</param>
/// <param name="ChunkP99Ms">99th percentile run time of those chunks.</param>
[GenerateSerializer]
[Immutable]
[Alias("gc.SiloSample")]
public sealed record SiloSample(
    long UnixSeconds,
    double CpuPercent,
    long MemoryBytes,
    long BusyWorkers,
    int WorkerSlots,
    double ChunksPerSecond,
    double ChunkP50Ms,
    double ChunkP99Ms);
