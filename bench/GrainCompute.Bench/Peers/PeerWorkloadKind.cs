namespace GrainCompute.Bench.Peers;

/// <summary>What bounds a workload, and so what its physical limit is.</summary>
internal enum PeerWorkloadKind
{
    /// <summary>CPU-bound: the limit is native serial time ÷ cores.</summary>
    Cpu,

    /// <summary>I/O-bound (sleeps): the limit is one call's delay, every call overlapping.</summary>
    Io,

    /// <summary>No work at all, one future per task: futures per second and submit→result latency.</summary>
    Futures,

    /// <summary>No work at all, many tasks in one request (a map): tasks per second.</summary>
    Batch,

    /// <summary>
    /// No work at all: N one-item futures submitted as fast as one client can, then waited on together (the seeds'
    /// <c>futures = [executor.submit(f, x) for x in xs]; wait(futures)</c>): futures per second over the whole.
    /// </summary>
    SubmitAll,
}
