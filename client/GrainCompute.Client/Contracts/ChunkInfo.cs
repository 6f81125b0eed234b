namespace GrainCompute.Client;

/// <summary>One chunk of a job (GET /api/jobs/{id}/chunks).</summary>
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
