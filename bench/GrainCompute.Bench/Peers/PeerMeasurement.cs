using GrainCompute.Bench.Measurement;

namespace GrainCompute.Bench.Peers;

/// <summary>
/// One contender on one workload: the timed runs (warm-up excluded) and their median, the result it computed,
/// or why it could not run. Futures workloads carry rates and latencies instead of a time.
/// </summary>
internal sealed record PeerMeasurement
{
    /// <summary>"why" when the contender did not run ("python3 cannot import dask: apt-get install python3-dask").</summary>
    public string? NotAvailable { get; init; }

    /// <summary>Seconds of every timed run, in order.</summary>
    public IReadOnlyList<double> Runs { get; init; } = [];

    public double? Median { get; init; }

    /// <summary>The result in the workload's comparable form (a count, a sum, "prime"), for the check column.</summary>
    public string? Result { get; init; }

    /// <summary>Set when a run passed the time cap and was stopped: the cell is a lower bound.</summary>
    public double? StoppedAfter { get; init; }

    public double? FuturesPerSecond { get; init; }

    public double? P50Milliseconds { get; init; }

    public double? P99Milliseconds { get; init; }

    /// <summary>Pool or cluster start, outside the clock (Python peers).</summary>
    public double? StartupSeconds { get; init; }

    /// <summary>What this cell measured when it differs from the column's name ("Task.WhenAll", "no latency").</summary>
    public string? Note { get; init; }

    /// <summary>Submit-all: what came back, summed over the timed rounds.</summary>
    public FuturesTally? Tally { get; init; }

    /// <summary>Submit-all: median seconds of a round's submits, before its wait began (GrainCompute; null where not split).</summary>
    public double? SubmitSeconds { get; init; }

    /// <summary>Submit-all: peak resident memory over the timed rounds, MiB (which processes: see the report); null where not read.</summary>
    public double? PeakRssMiB { get; init; }

    /// <summary>Submit-all, GrainCompute: the same rounds with one SubmitAsync call per future, as a new user writes the seeds' loop first.</summary>
    public PeerMeasurement? OneSubmitPerFuture { get; init; }

    /// <summary>Submit-all, GrainCompute: the same rounds as future groups (<c>SubmitOptions.Grouped</c>: one job per 10,000 calls).</summary>
    public PeerMeasurement? Grouped { get; init; }

    /// <summary>Noop futures, GrainCompute: the same closed loop with a call per future (<c>ComputeClient.CallAsync</c>: no job).</summary>
    public PeerMeasurement? Calls { get; init; }

    /// <summary>Submit-all, GrainCompute: one round of the large count (<see cref="PeerSettings.SubmitAllLarge"/>).</summary>
    public PeerMeasurement? Large { get; init; }

    public bool Ran => NotAvailable is null && (Median is not null || FuturesPerSecond is not null || StoppedAfter is not null);

    /// <summary>The time to compare: the median, or the cap for a stopped run (a lower bound).</summary>
    public double? Seconds => Median ?? StoppedAfter;

    public static PeerMeasurement Unavailable(string why) => new() { NotAvailable = why };

    public static PeerMeasurement FromRuns(IReadOnlyList<double> runs, string? result, string? note = null) =>
        new() { Runs = runs, Median = runs.Count == 0 ? null : Statistics.Median(runs), Result = result, Note = note };
}
