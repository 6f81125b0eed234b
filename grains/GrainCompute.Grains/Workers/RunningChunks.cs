using System.Collections.Concurrent;

namespace GrainCompute.Grains.Workers;

/// <summary>
/// This silo's cancellation sources for the runs (jobs, calls) whose chunks run here: one per run while a chunk of
/// it runs, dropped when the last one ends — a source kept for every run ever seen grew by one per job and call.
/// A run cancelled here stays cancelled (a chunk of it that arrives late never starts); that record is pruned after
/// an hour.
/// </summary>
internal sealed class RunningChunks(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Run> _runs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _cancelled = new(StringComparer.Ordinal);

    /// <summary>A chunk of <paramref name="runId"/> starts here: its token fires when the run is cancelled on this silo. <see cref="Leave"/> when it ends.</summary>
    public CancellationToken Enter(string runId)
    {
        if (_cancelled.ContainsKey(runId))
        {
            return new CancellationToken(canceled: true);
        }

        lock (_gate)
        {
            if (!_runs.TryGetValue(runId, out var run))
            {
                _runs[runId] = run = new Run();
            }

            run.Chunks++;
            return run.Source.Token;
        }
    }

    /// <summary>A chunk that <see cref="Enter"/>ed ended: the run's source goes with its last chunk here.</summary>
    public void Leave(string runId)
    {
        lock (_gate)
        {
            if (_runs.TryGetValue(runId, out var run) && --run.Chunks == 0)
            {
                _runs.Remove(runId);
                run.Source.Dispose();
            }
        }
    }

    /// <summary>Runs with a chunk running here now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _runs.Count;
            }
        }
    }

    public void Cancel(string runId)
    {
        var now = time.GetUtcNow();
        _cancelled[runId] = now;
        Run? run;
        lock (_gate)
        {
            _runs.Remove(runId, out run);
        }

        // Cancelled, not disposed: its chunks still hold linked sources on its token.
        run?.Source.Cancel();
        foreach (var (id, when) in _cancelled)
        {
            if (now - when > TimeSpan.FromHours(1))
            {
                _cancelled.TryRemove(id, out _);
            }
        }
    }

    private sealed class Run
    {
        public CancellationTokenSource Source { get; } = new();

        public int Chunks { get; set; }
    }
}
