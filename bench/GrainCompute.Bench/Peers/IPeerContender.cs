namespace GrainCompute.Bench.Peers;

/// <summary>One way of running the seed workloads: a column of the peers table.</summary>
internal interface IPeerContender
{
    /// <summary>Column name ("GrainCompute embedded", "dask.distributed").</summary>
    string Name { get; }

    /// <summary>Whether it is one of the seeds' Python tools (the "Python ÷ GrainCompute" ratios).</summary>
    bool IsPython { get; }

    /// <summary>Runs the workload: warm-up, then the timed runs. Never throws for a workload it cannot run: says why instead.</summary>
    Task<PeerMeasurement> MeasureAsync(PeerWorkload workload, CancellationToken cancellationToken = default);
}
