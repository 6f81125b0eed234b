using System.Collections.Concurrent;

namespace GrainCompute.Grains.Workers;

/// <summary>
/// This silo's cancellation sources for the jobs whose chunks run here. A job cancelled here stays cancelled
/// (a chunk of it that arrives late never starts); the record of cancelled jobs is pruned after an hour.
/// </summary>
internal sealed class RunningChunks(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _jobs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _cancelled = new(StringComparer.Ordinal);

    /// <summary>A token that fires when the job is cancelled on this silo.</summary>
    public CancellationToken TokenFor(string runId)
    {
        if (_cancelled.ContainsKey(runId))
        {
            return new CancellationToken(canceled: true);
        }

        return _jobs.GetOrAdd(runId, _ => new CancellationTokenSource()).Token;
    }

    public void Cancel(string runId)
    {
        var now = time.GetUtcNow();
        _cancelled[runId] = now;
        if (_jobs.TryRemove(runId, out var source))
        {
            source.Cancel();
            source.Dispose();
        }

        foreach (var (id, when) in _cancelled)
        {
            if (now - when > TimeSpan.FromHours(1))
            {
                _cancelled.TryRemove(id, out _);
            }
        }
    }

    /// <summary>Forgets a finished job's source (the job grain says when).</summary>
    public void Forget(string runId)
    {
        if (_jobs.TryRemove(runId, out var source))
        {
            source.Dispose();
        }
    }
}
