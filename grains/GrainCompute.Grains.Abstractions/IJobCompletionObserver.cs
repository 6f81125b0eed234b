namespace GrainCompute.Grains;

/// <summary>A client's end of <see cref="IComputeGateway.Follow"/>: final statuses pushed as jobs finish, instead of one long poll per job.</summary>
[Alias("gc.IJobCompletionObserver")]
public interface IJobCompletionObserver : IGrainObserver
{
    /// <summary>These jobs have finished (completed, failed or cancelled). A job may be reported again by a later call; the client keeps the first.</summary>
    [Alias("Finished")]
    Task Finished(IReadOnlyList<JobStatus> statuses);
}
