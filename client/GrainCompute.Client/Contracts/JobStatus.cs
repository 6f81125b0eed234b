namespace GrainCompute.Client;

/// <summary>A job's state, counts and timings (GET /api/jobs/{id}).</summary>
public sealed record JobStatus(
    string Id,
    string Kernel,
    JobState State,
    long Items,
    int Chunks,
    int ChunksDone,
    int ChunksFailed,
    int ChunksCancelled,
    int ChunksRunning,
    long ItemsDone,
    DateTimeOffset Submitted,
    DateTimeOffset? Started,
    DateTimeOffset? Finished,
    string? ResultJson,
    bool ResultTooLargeForStatus,
    string? Error,
    IReadOnlyList<string>? DependsOn,
    IReadOnlyList<SiloShare>? Silos,
    string? HeldBy)
{
    public bool IsFinished => State is JobState.Completed or JobState.Failed or JobState.Cancelled;

    /// <summary>Wall time from start to finish (or to now, while running); null before it starts.</summary>
    public TimeSpan? Elapsed(TimeProvider? time = null) =>
        Started is { } started ? (Finished ?? (time ?? TimeProvider.System).GetUtcNow()) - started : null;
}

/// <summary>How much of a job one silo ran.</summary>
public sealed record SiloShare(string Silo, int Chunks, double BusySeconds);

/// <summary>The answer of POST /api/jobs/{id}/wait: whether the condition held before the timeout.</summary>
public sealed record WaitOutcome(bool Satisfied, JobStatus Status);
