using Microsoft.Extensions.Logging;

namespace GrainCompute.Grains;

/// <summary>All compute-service log messages. Event ids 2000–2099 jobs, 2100–2199 workers, 2200–2299 MPI kernels.</summary>
internal static partial class ComputeLog
{
    [LoggerMessage(2000, LogLevel.Information, "Job {Job} resumed on {Silo}: {Saved} of {Chunks} chunks were stored")]
    public static partial void JobResumed(this ILogger logger, string job, string silo, int saved, int chunks);

    [LoggerMessage(2001, LogLevel.Warning, "Saving {Count} chunks of job {Job} failed; retrying")]
    public static partial void ChunkSaveFailed(this ILogger logger, Exception exception, int count, string job);

    [LoggerMessage(2002, LogLevel.Warning, "Recording the end of job {Job} failed; retrying")]
    public static partial void JobEndSaveFailed(this ILogger logger, Exception exception, string job);

    [LoggerMessage(2003, LogLevel.Debug, "Resuming {Job} failed; trying again in {Period}")]
    public static partial void ResumeFailed(this ILogger logger, Exception exception, string job, TimeSpan period);

    [LoggerMessage(2004, LogLevel.Warning, "Deleting jobs whose retention ended failed; trying again in {Period}")]
    public static partial void PurgeFailed(this ILogger logger, Exception exception, TimeSpan period);

    [LoggerMessage(2005, LogLevel.Warning, "Job {Job} on {Silo} lost its ownership to a newer activation and stops: {Reason}")]
    public static partial void JobOwnershipLost(this ILogger logger, string job, string silo, string reason);

    [LoggerMessage(2006, LogLevel.Warning, "Recording the plan of job {Job} failed; retrying")]
    public static partial void PlanSaveFailed(this ILogger logger, Exception exception, string job);

    /// <remarks>One line per state a job enters (waiting, queued, running, completed, failed, cancelled), on the silo holding it.</remarks>
    [LoggerMessage(2007, LogLevel.Information, "Job {Job} ({Kernel}) is {State} on {Silo}")]
    public static partial void JobStateChanged(this ILogger logger, string job, string kernel, string state, string silo);

    [LoggerMessage(2008, LogLevel.Debug, "Listing the jobs active on the silos failed; calling every unfinished job instead")]
    public static partial void ActiveJobsUnknown(this ILogger logger, Exception exception);

    [LoggerMessage(2200, LogLevel.Debug, "Kernel {Kernel}: asking the MPI sidecar {Sidecar} to run {Example} on {Ranks} ranks")]
    public static partial void MpiRunRequested(this ILogger logger, string kernel, string example, int ranks, Uri sidecar);

    [LoggerMessage(2201, LogLevel.Information, "Kernel {Kernel}: MPI run of {Example} on {Ranks} ranks finished in {WallSeconds} s")]
    public static partial void MpiRunFinished(this ILogger logger, string kernel, string example, int ranks, double wallSeconds);

    [LoggerMessage(2202, LogLevel.Warning, "Kernel {Kernel}: {Reason}")]
    public static partial void MpiRunFailed(this ILogger logger, string kernel, string reason);
}
