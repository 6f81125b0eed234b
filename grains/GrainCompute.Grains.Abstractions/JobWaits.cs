namespace GrainCompute.Grains;

/// <summary>Waiting on a job for longer than one call parks on its grain.</summary>
public static class JobWaits
{
    /// <summary>
    /// Waits until <paramref name="when"/> holds or <paramref name="timeout"/> passes, in calls of at most ~15 s each: a
    /// job grain parks a call only that long, so that it can deactivate when its silo shuts down or another silo leaves.
    /// </summary>
    public static async Task<WaitOutcome> WaitAsync(this IJobGrain job, ReturnWhen when, TimeSpan timeout, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var started = time.GetTimestamp();
        while (true)
        {
            var left = timeout - time.GetElapsedTime(started);
            var outcome = await job.Wait(when, Math.Max(0, left.TotalSeconds)).ConfigureAwait(false);
            if (outcome.Satisfied || time.GetElapsedTime(started) >= timeout)
            {
                return outcome;
            }
        }
    }
}
