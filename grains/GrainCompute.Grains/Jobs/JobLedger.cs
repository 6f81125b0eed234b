using System.Text.Json;
using GrainCompute.Kernels;

namespace GrainCompute.Grains.Jobs;

/// <summary>
/// The bookkeeping of one job, apart from its I/O: its chunks, which to hand out next, retries, cancels, the
/// completion order and the decision how the job ended. <see cref="JobGrain"/> does the store writes, worker
/// calls, timers and signals, and asks the ledger what to do.
/// </summary>
/// <remarks>
/// Pure and synchronous (no awaits, no Orleans calls), so every method runs within one turn of the grain and the
/// grain's reentrancy reasoning carries over unchanged: between two awaits of the grain the ledger is consistent.
/// A chunk that ends goes to <see cref="TakeUnsaved"/> for the grain to write; only what <see cref="Saved"/> reports
/// back shows in results and the completion order, so a reader never sees what a failover could take back.
/// </remarks>
/// <param name="maxResultBytes">Most bytes of results the job may hold (Compute:MaxJobResultBytes): beyond, it fails.</param>
internal sealed partial class JobLedger(IKernel kernel, JobOptions options, long maxResultBytes, DateTimeOffset submitted, TimeProvider time)
{
    /// <summary>Runs of one chunk lost to the cluster (not to its kernel) before it fails: about 30 s of trying.</summary>
    public const int MaxLostRuns = 20;

    private const int IoChunksInFlight = 1024;
    private const int MaxResultInStatus = 64 * 1024;

    /// <summary>
    /// Chunks shorter than this on average are dominated by the round trip to a worker (tens of µs through the grain
    /// schedulers): the job then keeps <see cref="TinyChunkLookAhead"/> times more of them out, so workers never idle.
    /// </summary>
    private const double TinyChunkSeconds = 0.001;
    private const int TinyChunkLookAhead = 8;

    private readonly List<Chunk> _chunks = [];
    private readonly Queue<Chunk> _queue = new();
    private readonly List<int> _completionOrder = [];
    private readonly List<Chunk> _unsaved = [];
    private object? _parameters;
    private long _items;
    private int _running;
    private bool _decided;
    private double _meanChunkSeconds = double.MaxValue;
    private DateTimeOffset? _started;

    /// <summary>Bytes of the chunks' results held in memory.</summary>
    private long _resultBytes;

    /// <summary>Length of the combined result, also once it is let go (<see cref="CombinedResultInStore"/>).</summary>
    private long _resultLength;

    /// <summary>Waiting until planned and started (a job with dependencies waits for them first).</summary>
    public JobState State { get; private set; }

    public DateTimeOffset Submitted { get; } = submitted;

    public DateTimeOffset? Finished { get; private set; }

    public string? ResultJson { get; private set; }

    public string? Error { get; private set; }

    /// <summary>The combined result was let go (<see cref="ReleaseResults"/>): read it from the store.</summary>
    public bool CombinedResultInStore { get; private set; }

    public IReadOnlyList<Chunk> Chunks => _chunks;

    /// <summary>Chunks whose outcome is saved, in the order they were saved.</summary>
    public int SavedChunks => _completionOrder.Count;

    /// <summary>Chunks handed out whose run has not come back yet.</summary>
    public int Running => _running;

    public bool HasUnsaved => _unsaved.Count > 0;

    /// <summary>Chunks in line to be handed out (may still count a few cancelled ones, skipped when reached).</summary>
    public int QueuedChunks => _queue.Count;

    public bool IsFinished => State is JobState.Completed or JobState.Failed or JobState.Cancelled;

    public TimeSpan Retention => TimeSpan.FromSeconds(options.RetentionSeconds);

    public bool RetentionEnded => Finished is { } finished && time.GetUtcNow() - finished > Retention;

    /// <summary>Cuts the items into chunks, all pending, in input order.</summary>
    public void Plan(object parameters, long items, int chunkSize)
    {
        (_parameters, _items) = (parameters, items);
        for (long start = 0, index = 0; start < items; start += chunkSize, index++)
        {
            var chunk = new Chunk((int)index, start, (int)Math.Min(chunkSize, items - start));
            _chunks.Add(chunk);
            _queue.Enqueue(chunk);
        }
    }

    /// <summary>Takes over what the store kept (after <see cref="Plan"/>): stored chunks keep their outcome and order, the rest run again.</summary>
    public void Restore(IReadOnlyList<StoredChunk> stored)
    {
        foreach (var saved in stored)
        {
            _chunks[saved.Index].Restore(saved);
            _completionOrder.Add(saved.Index);
            _resultBytes += saved.Payload?.Length ?? 0;
        }

        _queue.Clear();
        foreach (var chunk in _chunks.Where(c => !c.Saved))
        {
            _queue.Enqueue(chunk);
        }
    }

    /// <summary>Takes over a job whose end is already stored.</summary>
    public void RestoreEnd(JobState state, DateTimeOffset finished, string? resultJson, string? error) =>
        (State, Finished, ResultJson, Error, _resultLength) = (state, finished, resultJson, error, resultJson?.Length ?? 0);

    /// <summary>Planned, waiting for a run slot.</summary>
    public void Queue() => State = JobState.Queued;

    public void Start()
    {
        State = JobState.Running;
        _started ??= time.GetUtcNow();
    }

    /// <summary>How many chunks may be out at once over the whole cluster.</summary>
    public int Window(int totalSlots, int chunksAheadPerSlot) =>
        // I/O-bound chunks mostly wait, so slots do not limit them: the seed's 100 sleeps all wait at once.
        kernel is IIoBoundKernel
            ? IoChunksInFlight
            : Math.Max(1, totalSlots) * chunksAheadPerSlot * (_meanChunkSeconds < TinyChunkSeconds ? TinyChunkLookAhead : 1);

    /// <summary>Hands out the next pending chunk while fewer than <paramref name="window"/> run, marking it running.</summary>
    public bool TryTakeNext(int window, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Chunk? next)
    {
        while (State == JobState.Running && _running < window && _queue.TryDequeue(out var chunk))
        {
            if (chunk.State != FutureState.Pending)
            {
                continue;
            }

            chunk.State = FutureState.Running;
            chunk.Attempts++;
            chunk.Started = time.GetUtcNow();
            _running++;
            next = chunk;
            return true;
        }

        next = null;
        return false;
    }

    /// <summary>
    /// Books a run that came back: with an outcome from the worker, or <paramref name="lost"/> when the call itself
    /// failed. Says what the grain must do beyond saving what ended.
    /// </summary>
    public ChunkVerdict Ended(Chunk chunk, ChunkOutcome? outcome, Exception? lost)
    {
        _running--;
        if (chunk.IsTerminal)
        {
            return default; // cancelled or decided while it ran: the first outcome stands
        }

        chunk.Ended = time.GetUtcNow();
        chunk.Silo = outcome?.Silo ?? chunk.Silo;
        chunk.Worker = outcome?.Worker ?? chunk.Worker;
        chunk.Seconds += outcome?.Seconds ?? 0;
        if (outcome is not null)
        {
            _meanChunkSeconds = _meanChunkSeconds == double.MaxValue ? outcome.Seconds : (0.9 * _meanChunkSeconds) + (0.1 * outcome.Seconds);
        }

        if (outcome?.Payload is { } tooLarge && _resultBytes + tooLarge.Length > maxResultBytes)
        {
            Terminate(chunk, FutureState.Failed, $"{nameof(Workers.ResultTooLargeException)}: with this chunk the job's results would be {_resultBytes + tooLarge.Length} bytes; at most {maxResultBytes} are allowed per job (Compute:MaxJobResultBytes): ask for fewer items, or a kernel that reduces them");
            CancelRemaining("cancelled: the job's results outgrew Compute:MaxJobResultBytes");
            return new ChunkVerdict(CancelOthers: true, RequeueAfter: null);
        }

        if (outcome?.Payload is { } payload)
        {
            chunk.Payload = payload;
            _resultBytes += payload.Length;
            Terminate(chunk, FutureState.Done);
            if (kernel.DecidesJob(payload))
            {
                _decided = true;
                CancelRemaining("not needed: another chunk decided the result");
                return new ChunkVerdict(CancelOthers: true, RequeueAfter: null);
            }

            return default;
        }

        if (outcome?.Cancelled == true)
        {
            Terminate(chunk, FutureState.Cancelled, "cancelled");
            return default;
        }

        var error = lost is null ? $"{outcome!.ErrorType}: {outcome.ErrorMessage}" : $"{lost.GetType().Name}: {lost.Message}";
        chunk.State = FutureState.Pending;
        chunk.Error = error;
        if (lost is not null && (lost is SiloStoppingException || chunk.LostRuns < MaxLostRuns))
        {
            // The call failed, not the kernel (kernel errors come back as outcomes): the worker's silo died or is
            // draining, or this activation's own silo is going. Not the chunk's fault, so it costs no retry; each
            // further loss waits longer, so a call that can never succeed fails the chunk in the end, not forever.
            chunk.Attempts--;
            chunk.LostRuns += lost is SiloStoppingException ? 0 : 1; // a draining silo handed it back: nothing lost
            return new ChunkVerdict(CancelOthers: false, RequeueAfter: chunk.LostRuns <= 1 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Min(2000, 50 << Math.Min(chunk.LostRuns - 2, 6))));
        }

        if (lost is null && chunk.Attempts <= options.Retries)
        {
            _queue.Enqueue(chunk);
            return default;
        }

        Terminate(chunk, FutureState.Failed, error);
        if (options.StopOnFirstError)
        {
            CancelRemaining("cancelled: an earlier chunk failed and the job stops on first error");
            return new ChunkVerdict(CancelOthers: true, RequeueAfter: null);
        }

        return default;
    }

    /// <summary>Queues a chunk whose run was lost again, unless it ended or the job stopped meanwhile.</summary>
    public bool Requeue(Chunk chunk)
    {
        if (chunk.State == FutureState.Pending && State == JobState.Running)
        {
            _queue.Enqueue(chunk);
            return true;
        }

        return false;
    }

    /// <summary>Hands out nothing more (the grain lost the job); chunks out still come back to <see cref="Ended"/>.</summary>
    public void StopHandingOut() => _queue.Clear();

    /// <summary>Ends every chunk not yet ended as cancelled, and hands out nothing more.</summary>
    public void CancelRemaining(string reason)
    {
        foreach (var chunk in _chunks.Where(c => !c.IsTerminal))
        {
            Terminate(chunk, FutureState.Cancelled, reason);
        }

        _queue.Clear();
    }

    /// <summary>Cancels a waiting, queued or running job; false when it already ended.</summary>
    public bool Cancel()
    {
        if (State is not (JobState.Waiting or JobState.Queued or JobState.Running))
        {
            return false;
        }

        CancelRemaining("cancelled");
        State = JobState.Cancelled;
        Finished = time.GetUtcNow();
        return true;
    }

    /// <summary>Fails a job that has not started (its dependencies failed); false when it is no longer waiting.</summary>
    public bool FailBeforeStart(string error)
    {
        if (State != JobState.Waiting)
        {
            return false;
        }

        Error = error;
        State = JobState.Failed;
        Finished = time.GetUtcNow();
        return true;
    }

    /// <summary>The chunks that ended since the last call, in the order they ended, for the grain to write.</summary>
    public List<Chunk> TakeUnsaved()
    {
        var batch = _unsaved.ToList();
        _unsaved.Clear();
        return batch;
    }

    /// <summary>A batch the store did not take: it goes first again.</summary>
    public void ReturnUnsaved(List<Chunk> batch) => _unsaved.InsertRange(0, batch);

    /// <summary>Books what the store kept, in its sequence order: only now do results and the completion order show it.</summary>
    public void Saved(IReadOnlyList<StoredChunk> stored)
    {
        // What the store kept wins: it may be another activation's earlier outcome of the same chunk.
        foreach (var saved in stored)
        {
            var chunk = _chunks[saved.Index];
            _resultBytes += (saved.Payload?.Length ?? 0) - (chunk.Payload?.Length ?? 0);
            chunk.Restore(saved);
            _completionOrder.Add(saved.Index);
        }
    }

    /// <summary>
    /// Once the job ended and its end is stored, lets go of results beyond <paramref name="keepBytes"/>: saved chunks'
    /// results (pages then read them back from the store, see <see cref="InStoreOnly"/>) and a combined result too large
    /// for the status.
    /// Called again after late saves, which bring their results back into memory.
    /// </summary>
    public void ReleaseResults(long keepBytes)
    {
        if (!IsFinished)
        {
            return;
        }

        if (_resultBytes > keepBytes)
        {
            foreach (var chunk in _chunks.Where(c => c.Saved && c.Payload is not null))
            {
                _resultBytes -= chunk.Payload!.Length;
                chunk.Payload = null;
            }
        }

        // A combined result small enough to travel in the status stays: the status carries it.
        if (_resultLength > Math.Max(keepBytes, MaxResultInStatus) && ResultJson is not null)
        {
            (ResultJson, CombinedResultInStore) = (null, true);
        }
    }

    /// <summary>Every chunk ended and is saved, none runs: the job can end (the grain also waits for its writes).</summary>
    public bool CanComplete => State == JobState.Running && _running == 0 && _chunks.All(c => c.Saved);

    /// <summary>Decides how the job ended — failed, cancelled, or completed with its chunks' results reduced.</summary>
    public void Complete()
    {
        var failed = _chunks.FirstOrDefault(c => c.State == FutureState.Failed);
        var cancelled = _chunks.Any(c => c.State == FutureState.Cancelled);
        if (failed is not null)
        {
            State = JobState.Failed;
            Error = $"chunk {failed.Index} (items {failed.Start}..{failed.Start + failed.Count - 1}) failed: {failed.Error}";
        }
        else if (cancelled && !_decided && !_chunks.Any(c => c.State == FutureState.Done && kernel.DecidesJob(c.Payload!)))
        {
            State = JobState.Cancelled;
        }
        else
        {
            try
            {
                var payloads = _chunks.Where(c => c.State == FutureState.Done).Select(c => c.Payload!).ToList();
                var result = JsonSerializer.Serialize(kernel.Reduce(_parameters!, payloads), Kernels.ResultJson.Options);
                if (result.Length > maxResultBytes)
                {
                    throw new Workers.ResultTooLargeException($"the combined result is {result.Length} characters; at most {maxResultBytes} are allowed per job (Compute:MaxJobResultBytes)");
                }

                (ResultJson, _resultLength, State) = (result, result.Length, JobState.Completed);
            }
            catch (Exception exception)
            {
                State = JobState.Failed;
                Error = $"combining the results failed: {exception.GetType().Name}: {exception.Message}";
            }
        }

        Finished = time.GetUtcNow();
    }

    public bool Holds(ReturnWhen when) => IsFinished || when switch
    {
        ReturnWhen.FirstCompleted => _completionOrder.Count > 0,
        ReturnWhen.FirstException => _chunks.Any(c => c.State == FutureState.Failed && c.Saved),
        _ => false,
    };

    public JobStatus Status(string jobId, string kernelName, IReadOnlyList<string> dependsOn, string silo)
    {
        var silos = _chunks.Where(c => c.Silo is not null && c.State == FutureState.Done)
            .GroupBy(c => c.Silo!)
            .Select(g => new SiloShare(g.Key, g.Count(), g.Sum(c => c.Seconds)))
            .OrderBy(s => s.Silo, StringComparer.Ordinal)
            .ToList();
        return new JobStatus(
            jobId,
            kernelName,
            State,
            _items,
            _chunks.Count,
            _chunks.Count(c => c.State == FutureState.Done),
            _chunks.Count(c => c.State == FutureState.Failed),
            _chunks.Count(c => c.State == FutureState.Cancelled),
            _chunks.Count(c => c.State == FutureState.Running),
            _chunks.Where(c => c.State == FutureState.Done).Sum(c => (long)c.Count),
            Submitted,
            _started,
            Finished,
            _resultLength > MaxResultInStatus ? null : ResultJson,
            _resultLength > MaxResultInStatus,
            Error,
            dependsOn,
            silos,
            silo);
    }

    private void Terminate(Chunk chunk, FutureState state, string? error = null)
    {
        chunk.State = state;
        chunk.Error = error;
        chunk.Ended ??= time.GetUtcNow();
        _unsaved.Add(chunk);
    }

    /// <summary>What the grain must do after a chunk's run came back, beyond saving what ended.</summary>
    /// <param name="CancelOthers">The job needs no more runs (a chunk decided it, or failed with stop-on-first-error): tell the silos.</param>
    /// <param name="RequeueAfter">The run was lost to the cluster: queue the chunk again after this delay.</param>
    public readonly record struct ChunkVerdict(bool CancelOthers, TimeSpan? RequeueAfter);
}
