namespace GrainCompute.Grains;

/// <summary>
/// A job store write named an epoch the job is no longer at: another activation claimed the job since (a failover),
/// so this one must stop working on it. Nothing was written.
/// </summary>
[GenerateSerializer]
[Alias("gc.JobOwnershipLostException")]
public sealed class JobOwnershipLostException(string message) : Exception(message)
{
    public static JobOwnershipLostException For(string jobId, long held, long stored) =>
        new($"Job {jobId} was claimed by another activation: it is at epoch {stored}, this activation holds epoch {held}; nothing was written.");
}
