using System.Collections.Concurrent;

namespace GrainCompute.Grains;

/// <summary>The job store of one process: the embedded silo, and in-process clusters (where all silos share it).</summary>
/// <remarks>
/// Every job grain writes here several times per job, from many threads at once, so each job has its own lock and
/// only the two indexes (submission order for lists, expiry order for the purge) share one, held for a tree
/// insert or removal. One store-wide lock held across copies and sorts made the threads spin on it.
/// </remarks>
public sealed class InMemoryJobStore : IJobStore
{
    private readonly ConcurrentDictionary<string, Entry> _jobs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _unfinished = new(StringComparer.Ordinal);
    private readonly Lock _indexLock = new();
    private readonly SortedSet<(DateTimeOffset Submitted, string Id)> _bySubmission = []; // guarded by _indexLock
    private readonly PriorityQueue<string, DateTimeOffset> _expiries = new(); // guarded by _indexLock
    private long _lastSeq;

    public Task<bool> CreateAsync(StoredJob job, CancellationToken cancellationToken = default)
    {
        if (!_jobs.TryAdd(job.Id, new Entry(job with { Chunks = [], Epoch = 1 })))
        {
            return Task.FromResult(false);
        }

        if (job.Finished is null)
        {
            _unfinished.TryAdd(job.Id, 0);
        }

        lock (_indexLock)
        {
            _bySubmission.Add((job.Submitted, job.Id));
        }

        return Task.FromResult(true);
    }

    public Task<StoredJob?> ClaimAsync(string jobId, CancellationToken cancellationToken = default)
    {
        if (!_jobs.TryGetValue(jobId, out var entry))
        {
            return Task.FromResult<StoredJob?>(null);
        }

        lock (entry.Sync)
        {
            entry.Job = entry.Job with { Epoch = entry.Job.Epoch + 1 };
            return Task.FromResult<StoredJob?>(entry.Snapshot());
        }
    }

    public Task<StoredJob?> ReadAsync(string jobId, CancellationToken cancellationToken = default)
    {
        if (!_jobs.TryGetValue(jobId, out var entry))
        {
            return Task.FromResult<StoredJob?>(null);
        }

        lock (entry.Sync)
        {
            return Task.FromResult<StoredJob?>(entry.Snapshot());
        }
    }

    public Task<IReadOnlyList<StoredChunk>> ReadChunksAsync(string jobId, IReadOnlyList<int> indices, CancellationToken cancellationToken = default)
    {
        if (!_jobs.TryGetValue(jobId, out var entry))
        {
            return Task.FromResult<IReadOnlyList<StoredChunk>>([]);
        }

        lock (entry.Sync)
        {
            return Task.FromResult<IReadOnlyList<StoredChunk>>([.. indices.Distinct().Where(entry.Chunks.ContainsKey).Select(i => entry.Chunks[i]).OrderBy(c => c.Seq)]);
        }
    }

    public Task<string?> ReadResultAsync(string jobId, CancellationToken cancellationToken = default)
    {
        if (!_jobs.TryGetValue(jobId, out var entry))
        {
            return Task.FromResult<string?>(null);
        }

        lock (entry.Sync)
        {
            return Task.FromResult(entry.Job.ResultJson);
        }
    }

    public Task PlanAsync(string jobId, long epoch, string? parametersJson, int chunkSize, long items, CancellationToken cancellationToken = default)
    {
        var entry = Existing(jobId);
        lock (entry.Sync)
        {
            entry.Fence(epoch);
            entry.Job = entry.Job with { ParametersJson = parametersJson, ChunkSize = chunkSize, Items = items };
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StoredChunk>> SaveChunksAsync(string jobId, long epoch, IReadOnlyList<StoredChunk> chunks, CancellationToken cancellationToken = default)
    {
        var entry = Existing(jobId);
        lock (entry.Sync)
        {
            entry.Fence(epoch);
            foreach (var chunk in chunks)
            {
                if (!entry.Chunks.ContainsKey(chunk.Index))
                {
                    entry.Chunks[chunk.Index] = chunk with { Seq = Interlocked.Increment(ref _lastSeq) };
                }
            }

            return Task.FromResult<IReadOnlyList<StoredChunk>>([.. chunks.Select(c => entry.Chunks[c.Index]).OrderBy(c => c.Seq)]);
        }
    }

    public Task FinishAsync(string jobId, long epoch, JobState state, string? resultJson, string? error, DateTimeOffset finished, DateTimeOffset expires, CancellationToken cancellationToken = default)
    {
        if (!_jobs.TryGetValue(jobId, out var entry))
        {
            return Task.CompletedTask;
        }

        lock (entry.Sync)
        {
            entry.Fence(epoch);
            entry.Job = entry.Job with { State = state, ResultJson = resultJson, Error = error, Finished = finished };
        }

        _unfinished.TryRemove(jobId, out _);

        lock (_indexLock)
        {
            _expiries.Enqueue(jobId, expires);
        }

        return Task.CompletedTask;
    }

    public Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var deleted = 0;
        lock (_indexLock)
        {
            while (_expiries.TryPeek(out var jobId, out var expires) && expires < now)
            {
                _expiries.Dequeue();
                if (_jobs.TryRemove(jobId, out var entry))
                {
                    _bySubmission.Remove((entry.Job.Submitted, jobId));
                    deleted++;
                }
            }
        }

        return Task.FromResult(deleted);
    }

    public Task<IReadOnlyList<StoredJobSummary>> ListAsync(int limit, CancellationToken cancellationToken = default)
    {
        List<string> newest;
        lock (_indexLock)
        {
            newest = [.. _bySubmission.Reverse().Take(limit).Select(key => key.Id)];
        }

        var summaries = new List<StoredJobSummary>(newest.Count);
        foreach (var id in newest)
        {
            if (_jobs.TryGetValue(id, out var entry))
            {
                var job = entry.Job;
                summaries.Add(new StoredJobSummary(job.Id, job.Kernel, job.State, job.Submitted, job.Finished));
            }
        }

        return Task.FromResult<IReadOnlyList<StoredJobSummary>>(summaries);
    }

    public Task<IReadOnlyList<string>> UnfinishedAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>([.. _unfinished.Keys]);

    private Entry Existing(string jobId) =>
        _jobs.TryGetValue(jobId, out var entry) ? entry : throw new KeyNotFoundException($"There is no job {jobId}.");

    /// <summary>One job's row and chunks; <see cref="Sync"/> guards both.</summary>
    private sealed class Entry(StoredJob job)
    {
        public Lock Sync { get; } = new();

        public StoredJob Job { get; set; } = job;

        public Dictionary<int, StoredChunk> Chunks { get; } = [];

        /// <summary>The job with its chunks by sequence number; the caller holds <see cref="Sync"/>.</summary>
        public StoredJob Snapshot() => Job with { Chunks = [.. Chunks.Values.OrderBy(c => c.Seq)] };

        /// <summary>
        /// Throws unless the job is still at <paramref name="epoch"/>; the caller holds <see cref="Sync"/> until its
        /// write is done, so no claim can come between the check and the write.
        /// </summary>
        public void Fence(long epoch)
        {
            if (Job.Epoch != epoch)
            {
                throw JobOwnershipLostException.For(Job.Id, epoch, Job.Epoch);
            }
        }
    }
}
