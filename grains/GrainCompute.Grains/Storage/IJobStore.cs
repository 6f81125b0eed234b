namespace GrainCompute.Grains;

/// <summary>
/// Durable job state: each job's spec, its chunks' outcomes and completion order, its end. In memory for the
/// embedded silo and in-process clusters, PostgreSQL in a real cluster. When a job grain's silo dies, the job
/// re-activates elsewhere from here.
/// </summary>
public interface IJobStore
{
    /// <summary>Records a submitted job; false when a job with this id exists already.</summary>
    Task<bool> CreateAsync(StoredJob job, CancellationToken cancellationToken = default);

    /// <summary>Records what a job waiting for its dependencies resolved its parameters to, and its plan.</summary>
    Task PlanAsync(string jobId, string? parametersJson, int chunkSize, long items, CancellationToken cancellationToken = default);

    Task<StoredJob?> LoadAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores finished chunks and gives each its completion sequence number. Per (job, chunk) the first write
    /// wins, so a chunk that ran twice counts once: the result holds what is stored for each of the given chunks
    /// (the winner, where another write came first), ordered by sequence number.
    /// </summary>
    Task<IReadOnlyList<StoredChunk>> SaveChunksAsync(string jobId, IReadOnlyList<StoredChunk> chunks, CancellationToken cancellationToken = default);

    /// <summary>Records how a job ended; its results stay readable until <paramref name="expires"/> (its retention).</summary>
    Task FinishAsync(string jobId, JobState state, string? resultJson, string? error, DateTimeOffset finished, DateTimeOffset expires, CancellationToken cancellationToken = default);

    /// <summary>Deletes the jobs (and their chunks) whose retention ended before <paramref name="now"/>; returns how many.</summary>
    Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The newest jobs first.</summary>
    Task<IReadOnlyList<StoredJobSummary>> ListAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>Ids of jobs not yet finished, to resume after a failover.</summary>
    Task<IReadOnlyList<string>> UnfinishedAsync(CancellationToken cancellationToken = default);

    /// <summary>How many jobs are not finished: the admission check on every submit, so cheaper than the list.</summary>
    Task<int> CountUnfinishedAsync(CancellationToken cancellationToken = default);
}

/// <param name="SpecJson">The submitted <see cref="JobSpec"/> as JSON.</param>
/// <param name="ParametersJson">Parameters once resolved (dependencies substituted); null while waiting.</param>
/// <param name="ChunkSize">Items per chunk once planned (0 while waiting), so a resumed job cuts the same chunks.</param>
public sealed record StoredJob(
    string Id,
    string Kernel,
    string SpecJson,
    string? ParametersJson,
    int ChunkSize,
    long Items,
    JobState State,
    DateTimeOffset Submitted,
    DateTimeOffset? Finished,
    string? ResultJson,
    string? Error,
    IReadOnlyList<StoredChunk> Chunks);

/// <summary>A finished chunk as stored: its outcome, completion sequence (assigned by the store; increasing, not dense) and where it ran.</summary>
public sealed record StoredChunk(
    int Index,
    FutureState State,
    byte[]? Payload,
    long Seq,
    string? Error,
    string? Silo,
    string? Worker,
    DateTimeOffset? Started,
    DateTimeOffset? Ended,
    int Attempts,
    double Seconds);

public sealed record StoredJobSummary(string Id, string Kernel, JobState State, DateTimeOffset Submitted, DateTimeOffset? Finished);
