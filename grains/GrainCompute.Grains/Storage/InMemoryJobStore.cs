namespace GrainCompute.Grains;

/// <summary>The job store of one process: the embedded silo, and in-process clusters (where all silos share it).</summary>
public sealed class InMemoryJobStore : IJobStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, StoredJob> _jobs = new(StringComparer.Ordinal); // guarded by _lock
    private readonly Dictionary<string, Dictionary<int, StoredChunk>> _chunks = new(StringComparer.Ordinal); // guarded by _lock
    private readonly HashSet<string> _unfinished = new(StringComparer.Ordinal); // guarded by _lock
    private readonly PriorityQueue<string, DateTimeOffset> _expiries = new(); // guarded by _lock
    private readonly SortedSet<(DateTimeOffset Submitted, string Id)> _bySubmission = []; // guarded by _lock; lists read the newest without sorting
    private long _lastSeq; // guarded by _lock

    public Task<bool> CreateAsync(StoredJob job, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (!_jobs.TryAdd(job.Id, job with { Chunks = [] }))
            {
                return Task.FromResult(false);
            }

            _chunks[job.Id] = [];
            _bySubmission.Add((job.Submitted, job.Id));
            if (job.Finished is null)
            {
                _unfinished.Add(job.Id);
            }

            return Task.FromResult(true);
        }
    }

    public Task PlanAsync(string jobId, string? parametersJson, int chunkSize, long items, CancellationToken cancellationToken = default)
    {
        Update(jobId, job => job with { ParametersJson = parametersJson, ChunkSize = chunkSize, Items = items });
        return Task.CompletedTask;
    }

    public Task<StoredJob?> LoadAsync(string jobId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_jobs.TryGetValue(jobId, out var job)
                ? job with { Chunks = [.. _chunks[jobId].Values.OrderBy(c => c.Seq)] }
                : null);
        }
    }

    public Task<IReadOnlyList<StoredChunk>> SaveChunksAsync(string jobId, IReadOnlyList<StoredChunk> chunks, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var stored = _chunks[jobId];
            foreach (var chunk in chunks)
            {
                if (!stored.ContainsKey(chunk.Index))
                {
                    stored[chunk.Index] = chunk with { Seq = ++_lastSeq };
                }
            }

            return Task.FromResult<IReadOnlyList<StoredChunk>>([.. chunks.Select(c => stored[c.Index]).OrderBy(c => c.Seq)]);
        }
    }

    public Task FinishAsync(string jobId, JobState state, string? resultJson, string? error, DateTimeOffset finished, DateTimeOffset expires, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_jobs.TryGetValue(jobId, out var job))
            {
                _jobs[jobId] = job with { State = state, ResultJson = resultJson, Error = error, Finished = finished };
                _unfinished.Remove(jobId);
                _expiries.Enqueue(jobId, expires);
            }
        }

        return Task.CompletedTask;
    }

    public Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var deleted = 0;
        lock (_lock)
        {
            while (_expiries.TryPeek(out var jobId, out var expires) && expires < now)
            {
                _expiries.Dequeue();
                if (_jobs.Remove(jobId, out var job))
                {
                    _chunks.Remove(jobId);
                    _bySubmission.Remove((job.Submitted, jobId));
                    deleted++;
                }
            }
        }

        return Task.FromResult(deleted);
    }

    public Task<IReadOnlyList<StoredJobSummary>> ListAsync(int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<StoredJobSummary>>(
                [.. _bySubmission.Reverse().Take(limit).Select(key => _jobs[key.Id]).Select(j => new StoredJobSummary(j.Id, j.Kernel, j.State, j.Submitted, j.Finished))]);
        }
    }

    public Task<IReadOnlyList<string>> UnfinishedAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<string>>([.. _unfinished]);
        }
    }

    private void Update(string jobId, Func<StoredJob, StoredJob> change)
    {
        lock (_lock)
        {
            _jobs[jobId] = change(_jobs[jobId]);
        }
    }
}
