namespace GrainCompute.Grains;

/// <summary>
/// A job: its futures (chunks of items), their completion order and their results. Keyed by job id; one
/// activation cluster-wide. It stays responsive while chunks run: every method is a short turn.
/// </summary>
[Alias("gc.IJobGrain")]
public interface IJobGrain : IGrainWithStringKey
{
    /// <summary>Starts the job (idempotent for the same id). Throws for an unknown kernel or bad parameters.</summary>
    [Alias("Submit")]
    Task<JobStatus> Submit(JobSpec spec);

    [Alias("GetStatus")]
    Task<JobStatus> GetStatus();

    /// <summary>How many jobs deep this job's chain of dependencies is (0: none); throws <see cref="JobNotFoundException"/> for no job.</summary>
    [Alias("GetDependencyDepth")]
    Task<int> GetDependencyDepth();

    /// <summary>Nothing but activation: an unfinished job re-activated after its silo died resumes its chunks.</summary>
    [Alias("Resume")]
    Task Resume();

    [Alias("GetChunks")]
    Task<IReadOnlyList<ChunkInfo>> GetChunks();

    /// <summary>The combined result as JSON, however large (status carries it only up to 64 KiB); null until completed.</summary>
    [Alias("GetResult")]
    Task<string?> GetResult();

    /// <summary>Up to <paramref name="limit"/> results from <paramref name="offset"/> (an item index, or a position in completion order).</summary>
    [Alias("GetResults")]
    Task<ResultsPage> GetResults(ResultOrder order, long offset, int limit);

    /// <summary>
    /// Waits until <paramref name="when"/> holds or the timeout passes, at most ~15 s per call; says which. Wait longer with
    /// <see cref="JobWaits.WaitAsync"/>.
    /// </summary>
    [Alias("Wait")]
    [ResponseTimeout("1.00:00:00")]
    Task<WaitOutcome> Wait(ReturnWhen when, double timeoutSeconds);

    /// <summary>
    /// Returns once more than <paramref name="knownFinishedChunks"/> chunks have finished, the job has ended, or
    /// the timeout passed; returns the number of finished chunks. Result streams park here between pages.
    /// </summary>
    [Alias("WaitForProgress")]
    [ResponseTimeout("1.00:00:00")]
    Task<int> WaitForProgress(int knownFinishedChunks, double timeoutSeconds);

    /// <summary>Cancels what has not finished: queued chunks never start, running kernels are told to stop.</summary>
    [Alias("Cancel")]
    Task<JobStatus> Cancel();
}

/// <param name="Satisfied">The condition held (false: the timeout passed first).</param>
[GenerateSerializer]
[Immutable]
[Alias("gc.WaitOutcome")]
public sealed record WaitOutcome(bool Satisfied, JobStatus Status);
