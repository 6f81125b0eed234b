namespace GrainCompute.Grains;

/// <summary>A job's state, counts and timings, as the API and console show them. <see cref="HeldBy"/> is the silo holding the job grain.</summary>
[GenerateSerializer]
[Immutable]
[Alias("gc.JobStatus")]
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
    IReadOnlyList<string> DependsOn,
    IReadOnlyList<SiloShare> Silos,
    string HeldBy)
{
    public bool IsFinished => State is JobState.Completed or JobState.Failed or JobState.Cancelled;
}

/// <summary>How much of a job one silo ran.</summary>
[GenerateSerializer]
[Immutable]
[Alias("gc.SiloShare")]
public sealed record SiloShare(string Silo, int Chunks, double BusySeconds);
