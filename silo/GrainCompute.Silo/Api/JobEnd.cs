using GrainCompute.Grains;

namespace GrainCompute.Server.Api;

/// <summary>
/// Waits on one job's grain until the job ends, for the streams that follow many jobs (the HTTP completions stream,
/// the gateway's pushed completions). A silo dying under the job only delays it: the next wait reaches the grain
/// where it was activated again.
/// </summary>
internal static class JobEnd
{
    /// <summary>One job grain wait at most: it parks a call only ~15 s, so it can deactivate when its silo stops.</summary>
    private const double WaitPerCallSeconds = 15;

    /// <summary>Between tries of a job whose silo went away.</summary>
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(500);

    /// <summary>The job's final status; null when it was forgotten meanwhile (its retention ended) or <paramref name="stop"/> fired first.</summary>
    public static async Task<JobStatus?> UntilFinishedAsync(IJobGrain job, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var outcome = await job.Wait(ReturnWhen.AllCompleted, WaitPerCallSeconds);
                if (outcome.Status.IsFinished)
                {
                    return outcome.Status;
                }
            }
            catch (JobNotFoundException)
            {
                return null;
            }
            catch (Exception) when (!stop.IsCancellationRequested)
            {
                // Its silo went away mid-wait: the job resumes on another once the silo is declared dead; ask again there.
                try
                {
                    await Task.Delay(RetryPause, stop);
                }
                catch (OperationCanceledException)
                {
                    return null;
                }
            }
            catch (Exception)
            {
                return null;
            }
        }

        return null;
    }
}
