using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using GrainCompute.Grains.Jobs;
using GrainCompute.Grains.Workers;

namespace GrainCompute.Grains.Telemetry;

/// <summary>
/// The silo's own instruments on the <c>GrainCompute</c> meter (beside Orleans' "Microsoft.Orleans" ones): jobs
/// submitted and finished, chunks queued and running, chunk run times and items computed per kernel. Exported by
/// whatever listens (the silo's OpenTelemetry SDK: /metrics and OTLP); without a listener a record costs a branch.
/// </summary>
/// <remarks>
/// Queued and running are observed, not counted: the callbacks read the job ledgers and the worker pool when a
/// reader asks (a scrape, an OTLP export), so the hot paths pay nothing for them and the values cannot drift.
/// Queued counts what waits anywhere on this silo: chunks in the ledgers of the jobs it holds (not yet sent to a
/// worker, including those of jobs waiting for a run slot) plus chunks sent here waiting for a worker slot. Summed
/// over the silos it is the cluster's waiting work, the figure an autoscaler wants (docs/kubernetes.md).
/// </remarks>
internal sealed class ComputeMetrics
{
    // Keyed by the ledger itself: a job id reused after its retention ended gets a new ledger on a new activation.
    private readonly ConcurrentDictionary<JobLedger, byte> _jobs = new();
    private readonly Counter<long> _submitted;
    private readonly Counter<long> _finished;
    private readonly Histogram<double> _chunkDuration;
    private readonly Counter<long> _items;

    public ComputeMetrics(IMeterFactory meters, WorkerLoad load)
    {
        var meter = meters.Create(ComputeTelemetry.MeterName);
        _submitted = meter.CreateCounter<long>("graincompute.jobs.submitted", "{job}", "Jobs accepted by a job grain on this silo.");
        _finished = meter.CreateCounter<long>("graincompute.jobs.finished", "{job}", "Jobs that ended, by state (completed, failed, cancelled).");
        _chunkDuration = meter.CreateHistogram<double>(
            "graincompute.chunk.duration", "s", "Run time of chunks on this silo's workers, by kernel and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] });
        _items = meter.CreateCounter<long>("graincompute.items.processed", "{item}", "Items computed by this silo's workers, by kernel (rate() of it is the kernel's throughput).");
        meter.CreateObservableUpDownCounter("graincompute.chunks.queued", () => QueuedChunks + load.Waiting, "{chunk}",
            "Chunks waiting on this silo: not yet sent by its jobs, or sent here and waiting for a worker slot.");
        meter.CreateObservableUpDownCounter("graincompute.chunks.running", () => load.Executing, "{chunk}", "Chunks running on this silo's workers now.");
    }

    private long QueuedChunks
    {
        get
        {
            long queued = 0;
            foreach (var ledger in _jobs.Keys)
            {
                // Read off the grain's turn: a plain int read of a queue the grain may be changing, good for a gauge.
                queued += ledger.IsFinished ? 0 : ledger.QueuedChunks;
            }

            return queued;
        }
    }

    internal void JobSubmitted(string kernel) => _submitted.Add(1, new KeyValuePair<string, object?>("kernel", kernel));

    internal void JobFinished(string kernel, JobState state) =>
        _finished.Add(1, new KeyValuePair<string, object?>("kernel", kernel), new KeyValuePair<string, object?>("state", StateName(state)));

    /// <summary>A job grain holds <paramref name="ledger"/> now: its queued chunks count until <see cref="Forget"/>.</summary>
    internal void Watch(JobLedger ledger) => _jobs.TryAdd(ledger, 0);

    internal void Forget(JobLedger ledger) => _jobs.TryRemove(ledger, out _);

    internal void ChunkRan(string kernel, ChunkOutcome outcome, long items)
    {
        var result = outcome.Cancelled ? "cancelled" : outcome.ErrorType is null ? "completed" : "failed";
        _chunkDuration.Record(outcome.Seconds, new KeyValuePair<string, object?>("kernel", kernel), new KeyValuePair<string, object?>("outcome", result));
        if (result == "completed")
        {
            _items.Add(items, new KeyValuePair<string, object?>("kernel", kernel));
        }
    }

    internal static string StateName(JobState state) => state switch
    {
        JobState.Waiting => "waiting",
        JobState.Queued => "queued",
        JobState.Running => "running",
        JobState.Completed => "completed",
        JobState.Failed => "failed",
        JobState.Cancelled => "cancelled",
        _ => state.ToString().ToLowerInvariant(),
    };
}
