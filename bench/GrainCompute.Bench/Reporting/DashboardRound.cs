namespace GrainCompute.Bench.Reporting;

/// <summary>One measured round of the dashboard benchmark: the noop-futures load with the dashboard closed or open.</summary>
internal sealed record DashboardRound
{
    /// <summary>1-based position in the run.</summary>
    public required int Round { get; init; }

    public required bool DashboardOpen { get; init; }

    public required long Futures { get; init; }

    public required long FailedFutures { get; init; }

    public required double Seconds { get; init; }

    public required double FuturesPerSecond { get; init; }

    /// <summary>The least served caller's futures over an even share (1 = fair).</summary>
    public required double Fairness { get; init; }

    /// <summary>The silo process's CPU time (user + system, all threads) over the measured window, per future.</summary>
    public required double SiloCpuMicrosecondsPerFuture { get; init; }

    /// <summary>The silo process's CPU time over the window, in percent of one core.</summary>
    public required double SiloCpuPercent { get; init; }

    /// <summary>The benchmark process's CPU time per future: the load generator and, when open, the viewer.</summary>
    public required double BenchCpuMicrosecondsPerFuture { get; init; }

    /// <summary>Jobs submitted since the silo started, when the round began (the store keeps those of the last few seconds: their retention).</summary>
    public required long JobsSubmitted { get; init; }

    /// <summary>Open rounds: updates the viewer received over the whole round (settling included).</summary>
    public long? Updates { get; init; }

    /// <summary>Open rounds: mean bytes of update JSON.</summary>
    public double? BytesPerUpdate { get; init; }

    /// <summary>Open rounds with the Orleans dashboard: its once-a-second polls answered (DashboardCounters, ClusterStats, TopGrainMethods).</summary>
    public long? OrleansPolls { get; init; }

    /// <summary>Open rounds with the Orleans dashboard: its requests that failed (expected 0).</summary>
    public long? OrleansFailures { get; init; }

    /// <summary>Open rounds: times the event stream dropped and was opened again (expected 0).</summary>
    public long? Reconnects { get; init; }
}
