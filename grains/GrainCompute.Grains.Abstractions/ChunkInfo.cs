namespace GrainCompute.Grains;

/// <summary>One chunk (the unit a worker runs) of a job: its items, state, timing and where it ran.</summary>
[GenerateSerializer]
[Immutable]
[Alias("gc.ChunkInfo")]
public sealed record ChunkInfo(
    int Index,
    long Start,
    int Count,
    FutureState State,
    int Attempts,
    DateTimeOffset? Started,
    DateTimeOffset? Ended,
    string? Silo,
    string? Worker,
    string? Error,
    long? CompletionSeq);
