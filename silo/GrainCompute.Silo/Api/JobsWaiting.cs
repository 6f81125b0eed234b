using GrainCompute.Grains;

namespace GrainCompute.Server.Api;

/// <summary>Waiting on many jobs at once, as concurrent.futures.wait: POST /api/jobs/wait and <see cref="IComputeGateway.WaitMany"/>.</summary>
internal static class JobsWaiting
{
    /// <param name="cancellationToken">The caller went away: stop waiting (the jobs go on).</param>
    public static async Task<JobsWaitOutcome> WaitManyAsync(IGrainFactory grains, IReadOnlyList<string> ids, ReturnWhen when, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var distinct = ids.Distinct(StringComparer.Ordinal).ToList();
        var waits = distinct.Select(id => grains.GetGrain<IJobGrain>(id).WaitAsync(ReturnWhen.AllCompleted, timeout)).ToList();
        var finished = new Dictionary<string, JobStatus>(StringComparer.Ordinal);
        var satisfied = false;
        try
        {
            // Each wait as it ends. Task.WhenAny over the ones left, once per end, made 10,000 jobs 10⁸ continuations.
            await foreach (var next in Task.WhenEach(waits).WithCancellation(cancellationToken))
            {
                var status = (await next).Status;
                if (status.IsFinished)
                {
                    finished[status.Id] = status;
                    if (when == ReturnWhen.FirstCompleted || (when == ReturnWhen.FirstException && status.State == JobState.Failed))
                    {
                        satisfied = true;
                        break;
                    }
                }
            }
        }
        finally
        {
            // Waits still parked on their job grains end by themselves within ~15 s; nobody needs their answers.
            foreach (var abandoned in waits.Where(w => !w.IsCompleted))
            {
                _ = abandoned.ContinueWith(static t => t.Exception, TaskScheduler.Default);
            }
        }

        satisfied |= finished.Count == distinct.Count;
        return new JobsWaitOutcome(satisfied, [.. finished.Values], [.. distinct.Where(id => !finished.ContainsKey(id))]);
    }
}
