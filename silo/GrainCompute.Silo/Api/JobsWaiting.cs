using GrainCompute.Grains;

namespace GrainCompute.Server.Api;

/// <summary>Waiting on many jobs at once, as concurrent.futures.wait: POST /api/jobs/wait and <see cref="IComputeGateway.WaitMany"/>.</summary>
internal static class JobsWaiting
{
    public static async Task<JobsWaitOutcome> WaitManyAsync(IGrainFactory grains, IReadOnlyList<string> ids, ReturnWhen when, TimeSpan timeout)
    {
        var distinct = ids.Distinct(StringComparer.Ordinal).ToList();
        var pending = distinct.Select(id => grains.GetGrain<IJobGrain>(id).WaitAsync(ReturnWhen.AllCompleted, timeout)).ToList();
        var finished = new Dictionary<string, JobStatus>(StringComparer.Ordinal);
        var satisfied = false;
        while (pending.Count > 0 && !satisfied)
        {
            var next = await Task.WhenAny(pending);
            pending.Remove(next);
            var status = (await next).Status;
            if (status.IsFinished)
            {
                finished[status.Id] = status;
                satisfied = when == ReturnWhen.FirstCompleted || (when == ReturnWhen.FirstException && status.State == JobState.Failed);
            }
        }

        // Waits still parked on their job grains end by themselves within ~15 s; nobody needs their answers.
        foreach (var abandoned in pending)
        {
            _ = abandoned.ContinueWith(static t => t.Exception, TaskScheduler.Default);
        }

        satisfied |= finished.Count == distinct.Count;
        return new JobsWaitOutcome(satisfied, [.. finished.Values], [.. distinct.Where(id => !finished.ContainsKey(id))]);
    }
}
