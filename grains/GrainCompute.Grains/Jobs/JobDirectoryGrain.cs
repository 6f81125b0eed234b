using GrainCompute.Runtime;

namespace GrainCompute.Grains.Jobs;

/// <summary>The cluster's list of jobs, newest last, and the count of running ones for admission.</summary>
[Reentrant]
internal sealed class JobDirectoryGrain(TimeProvider time) : Grain, IJobDirectoryGrain
{
    private const int Remembered = 10_000;
    private readonly List<JobEntry> _jobs = [];
    private readonly HashSet<string> _running = new(StringComparer.Ordinal);

    public Task Admit(string jobId, string kernel, int maxConcurrentJobs)
    {
        if (_running.Count >= maxConcurrentJobs && !_running.Contains(jobId))
        {
            throw new ComputeLimitException($"{_running.Count} jobs are running; at most {maxConcurrentJobs} may run at once (Compute:MaxConcurrentJobs). Try again when one finishes.");
        }

        if (_running.Add(jobId))
        {
            _jobs.Add(new JobEntry(jobId, kernel, time.GetUtcNow(), false));
            if (_jobs.Count > Remembered)
            {
                _jobs.RemoveAt(0);
            }
        }

        return Task.CompletedTask;
    }

    public Task Finished(string jobId)
    {
        _running.Remove(jobId);
        var index = _jobs.FindLastIndex(j => j.Id == jobId);
        if (index >= 0)
        {
            _jobs[index] = _jobs[index] with { Finished = true };
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<JobEntry>> List(int limit) =>
        Task.FromResult<IReadOnlyList<JobEntry>>(_jobs.TakeLast(Math.Clamp(limit, 1, Remembered)).Reverse().ToList());
}
