namespace GrainCompute.Grains;

/// <summary>
/// Durable job state: each job's spec, its chunks' outcomes and completion order, its end. In memory for the
/// embedded silo and in-process clusters, PostgreSQL in a real cluster. When a job grain's silo dies, the job
/// re-activates elsewhere from here.
/// </summary>
/// <remarks>
/// <para>
/// Every write of a job is fenced by its <see cref="StoredJob.Epoch"/>. Orleans keeps one activation per job, but
/// during a failover an old activation may still run (cut off from the cluster, declared dead, or left over) while a
/// survivor re-activates the job. The activation that takes a job over calls <see cref="ClaimAsync"/>, which moves the
/// job to a new epoch; the activation that created the job holds epoch 1. Each write names the epoch its caller holds
/// and fails with <see cref="JobOwnershipLostException"/>, writing nothing, once the job was claimed since, so only the
/// newest owner can plan, save chunks or finish.
/// </para>
/// <para>The check and the write are atomic: a claim either comes before a write (which then fails) or after it (and
/// then sees what it wrote).</para>
/// </remarks>
public interface IJobStore
{
    /// <summary>
    /// Records a submitted job at epoch 1 (whatever <see cref="StoredJob.Epoch"/> says), which its creator then holds;
    /// false when a job with this id exists already.
    /// </summary>
    Task<bool> CreateAsync(StoredJob job, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes a job over: atomically increments its epoch and returns the job as stored, with the new epoch, which the
    /// caller holds from now on; writes with an older epoch fail from here. Null when there is no such job (or its
    /// retention ended). Called by an activation that resumes a job.
    /// </summary>
    Task<StoredJob?> ClaimAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>The job as stored, without claiming it (for tests and read-only views); null when there is no such job (or its retention ended).</summary>
    Task<StoredJob?> ReadAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The stored chunks among <paramref name="indices"/> (by sequence number): a job grain that let its finished job's
    /// results go (Compute:ResultsInMemoryBytes) reads its result pages from here.
    /// </summary>
    Task<IReadOnlyList<StoredChunk>> ReadChunksAsync(string jobId, IReadOnlyList<int> indices, CancellationToken cancellationToken = default);

    /// <summary>The combined result of a job as its end recorded it; null when there is none (not ended, not completed, or gone).</summary>
    Task<string?> ReadResultAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Records what a job waiting for its dependencies resolved its parameters to, and its plan.</summary>
    /// <param name="epoch">The epoch the caller holds.</param>
    /// <exception cref="JobOwnershipLostException">The job was claimed at another epoch since; nothing was written.</exception>
    /// <exception cref="KeyNotFoundException">There is no such job.</exception>
    Task PlanAsync(string jobId, long epoch, string? parametersJson, int chunkSize, long items, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores finished chunks and gives each its completion sequence number. Per (job, chunk) the first write
    /// wins, so a chunk that ran twice counts once: the result holds what is stored for each of the given chunks
    /// (the winner, where another write came first), ordered by sequence number.
    /// </summary>
    /// <param name="epoch">The epoch the caller holds.</param>
    /// <exception cref="JobOwnershipLostException">The job was claimed at another epoch since; nothing was written.</exception>
    /// <exception cref="KeyNotFoundException">There is no such job.</exception>
    Task<IReadOnlyList<StoredChunk>> SaveChunksAsync(string jobId, long epoch, IReadOnlyList<StoredChunk> chunks, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records how a job ended; its results stay readable until <paramref name="expires"/> (its retention). Does
    /// nothing when the job is gone (its retention ended already).
    /// </summary>
    /// <param name="epoch">The epoch the caller holds.</param>
    /// <exception cref="JobOwnershipLostException">The job was claimed at another epoch since; nothing was written.</exception>
    Task FinishAsync(string jobId, long epoch, JobState state, string? resultJson, string? error, DateTimeOffset finished, DateTimeOffset expires, CancellationToken cancellationToken = default);

    /// <summary>Deletes the jobs (and their chunks) whose retention ended before <paramref name="now"/>; returns how many.</summary>
    Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The newest jobs first.</summary>
    Task<IReadOnlyList<StoredJobSummary>> ListAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>Ids of jobs not yet finished, to resume after a failover.</summary>
    Task<IReadOnlyList<string>> UnfinishedAsync(CancellationToken cancellationToken = default);

}

/// <param name="SpecJson">The submitted <see cref="JobSpec"/> as JSON.</param>
/// <param name="ParametersJson">Parameters once resolved (dependencies substituted); null while waiting.</param>
/// <param name="ChunkSize">Items per chunk once planned (0 while waiting), so a resumed job cuts the same chunks.</param>
/// <param name="Epoch">
/// The job's fence: 1 when created, incremented by each <see cref="IJobStore.ClaimAsync"/>. Writes must name it (see
/// <see cref="IJobStore"/>); ignored by <see cref="IJobStore.CreateAsync"/>.
/// </param>
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
    IReadOnlyList<StoredChunk> Chunks,
    long Epoch);

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
