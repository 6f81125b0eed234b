using System.Text.Json;
using GrainCompute.Grains.Workers;
using GrainCompute.Kernels;
using GrainCompute.Grains.Placement;
using Microsoft.Extensions.Logging;

namespace GrainCompute.Grains.Jobs;

/// <summary>
/// Runs one job: splits it into chunks, hands them to worker grains, and keeps every chunk's state, result and
/// completion order, durably.
/// </summary>
/// <remarks>
/// Design note. The grain is reentrant: chunk calls are awaited outside any request, so status queries, result
/// pages, waits and cancels are served while chunks run (all code still runs on the activation's one turn at a
/// time, so the state below needs no locks). At most <c>slots × ChunksAheadPerSlot</c> chunks are out at once
/// over the whole cluster; each finished chunk releases the next, so faster silos take more (pull with
/// look-ahead). Exactly-once accounting: a finished chunk gets the next completion sequence number and is
/// written to the <see cref="IJobStore"/> (first write per chunk wins) before results or the completion order
/// show it, so a reader never sees what a failover could take back. When the silo holding this grain dies the
/// job re-activates elsewhere from the store: stored chunks keep their results and sequence numbers, the rest
/// run again. A chunk whose silo died is run again without spending a retry (only kernel failures spend them).
/// Fencing: Orleans keeps one activation per job, but during a failover an old activation may still be running; each
/// activation claims the job in the store (a new epoch) and every write carries it, so an activation that lost
/// ownership can no longer plan, save, finish or fail the job — it stops and deactivates instead.
/// </remarks>
[Reentrant]
internal sealed partial class JobGrain(KernelCatalog catalog, ComputeOptions limits, IJobStore store, ClusterWorkers workers, TimeProvider time, ILogger<JobGrain> logger) : Grain, IJobGrain
{
    private const int IoChunksInFlight = 1024;
    private const int MaxResultInStatus = 64 * 1024;

    /// <summary>Runs of one chunk lost to the cluster (not to its kernel) before it fails: about 30 s of trying.</summary>
    private const int MaxLostRuns = 20;

    /// <summary>
    /// Longest a call parks on this grain (waits, result streams): a parked call holds the activation, and Orleans can
    /// only deactivate it (on shutdown, or when a silo leaves) once no call runs. Callers wait longer in a loop.
    /// </summary>
    private const double MaxParkSeconds = 15;

    /// <summary>
    /// Chunks shorter than this on average are dominated by the round trip to a worker (tens of µs through the grain
    /// schedulers): the job then keeps <see cref="TinyChunkLookAhead"/> times more of them out, so workers never idle.
    /// </summary>
    private const double TinyChunkSeconds = 0.001;
    private const int TinyChunkLookAhead = 8;

    private const double MaxChunkTimeoutSeconds = 86_400;
    private const double MaxRetentionSeconds = 30 * 86_400;
    private readonly List<Chunk> _chunks = [];
    private readonly Queue<Chunk> _queue = new();
    private readonly List<int> _completionOrder = [];
    private readonly List<Chunk> _unsaved = [];
    private TaskCompletionSource _changed = NewSignal();
    private JobSpec? _spec;
    private IKernel? _kernel;
    private object? _parameters;
    private string? _parametersJson;
    private JobState _state;
    private long _items;
    private int _running;
    private bool _saving;
    private bool _decided;
    private double _meanChunkSeconds = double.MaxValue;
    private long _epoch;
    private bool _ownershipLost;
    private DateTimeOffset _submitted;
    private DateTimeOffset? _started;
    private DateTimeOffset? _finished;
    private string? _resultJson;
    private string? _error;
    private IReadOnlyList<string> _dependsOn = [];
    private IGrainTimer? _keepAlive;
    private Task<JobStatus>? _submission;

    private string JobId => this.GetPrimaryKeyString();

    private SiloAddress Here => GrainContext.Address.SiloAddress!;

    /// <summary>This submission of the job: a job id reused after its retention ended is another run.</summary>
    private string RunId => $"{JobId}@{_submitted.UtcTicks}";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stored = await store.ClaimAsync(JobId, cancellationToken);
        if (stored is not null)
        {
            Restore(stored);
        }
    }

    public async Task<JobStatus> Submit(JobSpec spec)
    {
        if (_spec is not null)
        {
            return Status();
        }

        // The grain is reentrant: a second submit of this id arriving while the first awaits the store joins it
        // instead of planning the job twice. A refused or failed submit leaves nothing behind and may be retried.
        _submission ??= SubmitOnceAsync(spec);
        try
        {
            return await _submission;
        }
        finally
        {
            if (_spec is null)
            {
                _submission = null;
            }
        }
    }

    private async Task<JobStatus> SubmitOnceAsync(JobSpec spec)
    {
        var kernel = catalog.Get(spec.Kernel);
        var options = spec.Options ?? new JobOptions();
        ValidateOptions(spec, options);
        var dependsOn = FutureReferences.Find(spec.ParametersJson);
        var plan = dependsOn.Count == 0 ? PlanFor(kernel, spec.ParametersJson, spec.ChunkSize) : null;
        var running = await store.CountUnfinishedAsync();
        if (running >= limits.MaxConcurrentJobs)
        {
            throw new ComputeLimitException($"{running} jobs are running; at most {limits.MaxConcurrentJobs} may run at once (Compute:MaxConcurrentJobs). Try again when one finishes.");
        }

        var submitted = time.GetUtcNow();
        var full = spec with { Options = options };
        var state = dependsOn.Count == 0 ? JobState.Running : JobState.Waiting;
        var created = await store.CreateAsync(new StoredJob(JobId, spec.Kernel, JsonSerializer.Serialize(full, ResultJson.Options), plan?.ParametersJson, plan?.ChunkSize ?? 0, plan?.Items ?? 0, state, submitted, null, null, null, [], 1));
        if (!created)
        {
            // Another activation stored it first (a failover raced this submit): take the job over as stored.
            Restore(await store.ClaimAsync(JobId) ?? throw new JobNotFoundException($"Job '{JobId}' was submitted twice at once and its retention already ended."));
            return Status();
        }

        (_spec, _kernel, _submitted, _dependsOn, _state, _epoch) = (full, kernel, submitted, dependsOn, state, 1);
        KeepAliveUntilRetentionEnds();
        if (plan is null)
        {
            _ = StartAfterDependenciesAsync();
        }
        else
        {
            Apply(plan);
            Start();
        }

        return Status();
    }

    public Task<JobStatus> GetStatus()
    {
        EnsureSubmitted();
        return Task.FromResult(Status());
    }

    public Task Resume()
    {
        EnsureSubmitted();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ChunkInfo>> GetChunks()
    {
        EnsureSubmitted();
        return Task.FromResult<IReadOnlyList<ChunkInfo>>([.. _chunks.Select(c => c.ToInfo())]);
    }

    public Task<string?> GetResult()
    {
        EnsureSubmitted();
        return Task.FromResult(_resultJson);
    }

    public async Task<WaitOutcome> Wait(ReturnWhen when, double timeoutSeconds)
    {
        EnsureSubmitted();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(Math.Clamp(timeoutSeconds, 0, MaxParkSeconds)), time);
        var expired = Task.Delay(Timeout.InfiniteTimeSpan, timeout.Token);
        while (!Holds(when) && !timeout.IsCancellationRequested)
        {
            await Task.WhenAny(_changed.Task, expired);
        }

        return new WaitOutcome(Holds(when), Status());
    }

    public async Task<int> WaitForProgress(int knownFinishedChunks, double timeoutSeconds)
    {
        EnsureSubmitted();
        if (_completionOrder.Count <= knownFinishedChunks && !Status().IsFinished)
        {
            await Task.WhenAny(_changed.Task, Task.Delay(TimeSpan.FromSeconds(Math.Clamp(timeoutSeconds, 0, MaxParkSeconds)), time));
        }

        return _completionOrder.Count;
    }

    public Task<JobStatus> Cancel()
    {
        EnsureSubmitted();
        if (_state is JobState.Waiting or JobState.Running)
        {
            CancelRemaining("cancelled");
            _state = JobState.Cancelled;
            Finish();
            _ = TellSilosToCancelAsync();
        }

        return Task.FromResult(Status());
    }

    private void Restore(StoredJob stored)
    {
        _spec = JsonSerializer.Deserialize<JobSpec>(stored.SpecJson, ResultJson.Options)!;
        _epoch = stored.Epoch;
        _kernel = catalog.Get(stored.Kernel);
        _submitted = stored.Submitted;
        _dependsOn = FutureReferences.Find(_spec.ParametersJson);
        if (stored.ChunkSize > 0)
        {
            Apply(PlanFor(_kernel, stored.ParametersJson, stored.ChunkSize));
            foreach (var saved in stored.Chunks)
            {
                _chunks[saved.Index].Restore(saved);
                _completionOrder.Add(saved.Index);
            }

            _queue.Clear();
            foreach (var chunk in _chunks.Where(c => !c.Saved))
            {
                _queue.Enqueue(chunk);
            }
        }

        KeepAliveUntilRetentionEnds();
        if (stored.Finished is { } finished)
        {
            (_state, _finished, _resultJson, _error) = (stored.State, finished, stored.ResultJson, stored.Error);
            return;
        }

        logger.JobResumed(JobId, Here.ToString(), stored.Chunks.Count, _chunks.Count);
        if (stored.ChunkSize == 0)
        {
            _state = JobState.Waiting;
            _ = StartAfterDependenciesAsync();
        }
        else
        {
            Start();
        }
    }

    /// <summary>Binds the parameters and cuts the items into chunks, changing nothing yet: a refused job leaves no trace.</summary>
    private JobPlan PlanFor(IKernel kernel, string? parametersJson, int? chunkSize)
    {
        var parameters = BoundParameters.Bind(kernel, parametersJson);
        var items = kernel.ItemCount(parameters);
        if (items > limits.MaxItems)
        {
            throw new JobTooLargeException($"The job has {items} items; at most {limits.MaxItems} are allowed (Compute:MaxItems).");
        }

        return new JobPlan(parameters, parametersJson, items, chunkSize ?? Math.Max(1, kernel.SuggestChunkSize(parameters)));
    }

    private void Apply(JobPlan plan)
    {
        (_parameters, _parametersJson, _items) = (plan.Parameters, plan.ParametersJson, plan.Items);
        for (long start = 0, index = 0; start < plan.Items; start += plan.ChunkSize, index++)
        {
            var chunk = new Chunk((int)index, start, (int)Math.Min(plan.ChunkSize, plan.Items - start));
            _chunks.Add(chunk);
            _queue.Enqueue(chunk);
        }
    }

    private static void ValidateOptions(JobSpec spec, JobOptions options)
    {
        if (spec.ChunkSize is < 1)
        {
            throw new KernelParameterException("chunkSize", "chunkSize must be ≥ 1");
        }

        if (options.Retries is < 0 or > 100)
        {
            throw new KernelParameterException("options.retries", "retries must be 0..100");
        }

        if (options.ChunkTimeoutSeconds is <= 0)
        {
            throw new KernelParameterException("options.chunkTimeoutSeconds", "chunkTimeoutSeconds must be > 0");
        }

        if (options.ChunkTimeoutSeconds is > MaxChunkTimeoutSeconds)
        {
            throw new KernelParameterException("options.chunkTimeoutSeconds", $"chunkTimeoutSeconds must be at most {MaxChunkTimeoutSeconds} (a day)");
        }

        if (options.RetentionSeconds is <= 0 or > MaxRetentionSeconds)
        {
            throw new KernelParameterException("options.retentionSeconds", $"retentionSeconds must be > 0 and at most {MaxRetentionSeconds} (30 days)");
        }
    }

    private void Start()
    {
        _state = JobState.Running;
        _started ??= time.GetUtcNow();
        Pump();
        TryComplete();
    }

    private async Task StartAfterDependenciesAsync()
    {
        var results = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var dependency in _dependsOn)
        {
            var job = GrainFactory.GetGrain<IJobGrain>(dependency);
            JobStatus? status = null;
            string? result = null;
            while (status is null)
            {
                try
                {
                    var outcome = await job.Wait(ReturnWhen.AllCompleted, MaxParkSeconds);
                    status = outcome.Satisfied ? outcome.Status : null;
                    result = status is { State: JobState.Completed, ResultTooLargeForStatus: true } ? await job.GetResult() : status?.ResultJson;
                }
                catch (Exception exception) when (IsLostCall(exception))
                {
                    // The dependency's silo died or is leaving: the dependency resumes elsewhere, so ask again.
                    await Task.Delay(TimeSpan.FromSeconds(1), time);
                }
                catch (Exception exception)
                {
                    FailBeforeStart($"dependency failed: job '{dependency}': {exception.Message}");
                    return;
                }

                if (_state != JobState.Waiting)
                {
                    return; // cancelled meanwhile
                }
            }

            if (status.State != JobState.Completed)
            {
                FailBeforeStart($"dependency failed: job '{dependency}' ended {status.State.ToString().ToLowerInvariant()}: {status.Error}");
                return;
            }

            results[dependency] = result;
        }

        JobPlan plan;
        try
        {
            plan = PlanFor(_kernel!, FutureReferences.Substitute(_spec!.ParametersJson!, results), _spec.ChunkSize);
        }
        catch (Exception exception) when (exception is KernelParameterException or JobTooLargeException or JsonException)
        {
            FailBeforeStart($"dependency results do not fit {_spec!.Kernel}'s parameters: {exception.Message}");
            return;
        }

        while (true)
        {
            try
            {
                await store.PlanAsync(JobId, _epoch, plan.ParametersJson, plan.ChunkSize, plan.Items);
                break;
            }
            catch (JobOwnershipLostException exception)
            {
                LoseOwnership(exception);
                return;
            }
            catch (Exception exception)
            {
                logger.PlanSaveFailed(exception, JobId);
                await Task.Delay(TimeSpan.FromSeconds(1), time);
            }
        }

        if (_state == JobState.Waiting)
        {
            Apply(plan);
            Start();
        }
    }

    /// <summary>The call was lost to the cluster (a dead or leaving silo, a lost message), not answered with an error.</summary>
    private static bool IsLostCall(Exception exception) =>
        exception is SiloUnavailableException or SiloStoppingException or OrleansMessageRejectionException or TimeoutException;

    private void FailBeforeStart(string error)
    {
        if (_state != JobState.Waiting)
        {
            return;
        }

        _error = error;
        _state = JobState.Failed;
        Finish();
    }

    private void Pump()
    {
        // I/O-bound chunks mostly wait, so slots do not limit them: the seed's 100 sleeps all wait at once.
        var window = _kernel is IIoBoundKernel
            ? IoChunksInFlight
            : Math.Max(1, workers.TotalSlots) * limits.ChunksAheadPerSlot * (_meanChunkSeconds < TinyChunkSeconds ? TinyChunkLookAhead : 1);
        while (_state == JobState.Running && _running < window && !_ownershipLost && _queue.TryDequeue(out var chunk))
        {
            if (chunk.State != FutureState.Pending)
            {
                continue;
            }

            chunk.State = FutureState.Running;
            chunk.Attempts++;
            chunk.Started = time.GetUtcNow();
            _running++;
            _ = RunChunkAsync(chunk);
        }
    }

    private async Task RunChunkAsync(Chunk chunk)
    {
        var request = new ChunkRequest(JobId, RunId, _spec!.Kernel, _parametersJson, chunk.Index, chunk.Start, chunk.Count, _spec.Options!.ChunkTimeoutSeconds);
        ChunkOutcome? outcome = null;
        Exception? lost = null;
        var silo = workers.Pick() ?? Here;
        workers.Sent(silo);
        try
        {
            outcome = await GrainFactory.GetGrain<ISiloWorkerGrain>(SiloKey.Of(silo)).Run(request);
        }
        catch (Exception exception)
        {
            lost = exception;
            workers.Refused(silo);
        }
        finally
        {
            workers.Returned(silo);
        }

        _running--;
        OnChunkEnded(chunk, outcome, lost);
        Pump();
        TryComplete();
        Signal();
    }

    private void OnChunkEnded(Chunk chunk, ChunkOutcome? outcome, Exception? lost)
    {
        if (chunk.IsTerminal)
        {
            return; // cancelled or decided while it ran: the first outcome stands
        }

        chunk.Ended = time.GetUtcNow();
        chunk.Silo = outcome?.Silo ?? chunk.Silo;
        chunk.Worker = outcome?.Worker ?? chunk.Worker;
        chunk.Seconds += outcome?.Seconds ?? 0;
        if (outcome is not null)
        {
            _meanChunkSeconds = _meanChunkSeconds == double.MaxValue ? outcome.Seconds : (0.9 * _meanChunkSeconds) + (0.1 * outcome.Seconds);
        }

        if (outcome?.Payload is { } payload)
        {
            chunk.Payload = payload;
            Terminate(chunk, FutureState.Done);
            if (_kernel!.DecidesJob(payload))
            {
                _decided = true;
                CancelRemaining("not needed: another chunk decided the result");
                _ = TellSilosToCancelAsync();
            }

            return;
        }

        if (outcome?.Cancelled == true)
        {
            Terminate(chunk, FutureState.Cancelled, "cancelled");
            return;
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
            _ = RequeueAfterAsync(chunk, chunk.LostRuns <= 1 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Min(2000, 50 << Math.Min(chunk.LostRuns - 2, 6))));
            return;
        }

        if (lost is null && chunk.Attempts <= _spec!.Options!.Retries)
        {
            _queue.Enqueue(chunk);
            return;
        }

        Terminate(chunk, FutureState.Failed, error);
        if (_spec!.Options!.StopOnFirstError)
        {
            CancelRemaining("cancelled: an earlier chunk failed and the job stops on first error");
            _ = TellSilosToCancelAsync();
        }
    }

    private async Task RequeueAfterAsync(Chunk chunk, TimeSpan delay)
    {
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, time);
        }

        if (chunk.State == FutureState.Pending && _state == JobState.Running)
        {
            _queue.Enqueue(chunk);
            Pump();
        }
    }

    private void Terminate(Chunk chunk, FutureState state, string? error = null)
    {
        chunk.State = state;
        chunk.Error = error;
        chunk.Ended ??= time.GetUtcNow();
        _unsaved.Add(chunk);
        if (!_saving)
        {
            _ = SaveAsync();
        }
    }

    /// <summary>Writes finished chunks to the store in batches, in sequence order, then shows them.</summary>
    private async Task SaveAsync()
    {
        _saving = true;
        try
        {
            // A crashed silo's leftovers (an in-process kill) must not write after its successor took over, and a
            // job whose retention ended is gone from the store: a chunk that ended later has nowhere to go.
            while (_unsaved.Count > 0 && !_ownershipLost && !RetentionEnded)
            {
                var batch = _unsaved.ToList();
                _unsaved.Clear();
                IReadOnlyList<StoredChunk> stored;
                try
                {
                    stored = await store.SaveChunksAsync(JobId, _epoch, [.. batch.Select(c => c.ToStored())]);
                }
                catch (JobOwnershipLostException exception)
                {
                    LoseOwnership(exception);
                    break;
                }
                catch (Exception exception)
                {
                    logger.ChunkSaveFailed(exception, batch.Count, JobId);
                    _unsaved.InsertRange(0, batch);
                    await Task.Delay(TimeSpan.FromSeconds(1), time);
                    continue;
                }

                // What the store kept wins: it may be another activation's earlier outcome of the same chunk.
                foreach (var saved in stored)
                {
                    _chunks[saved.Index].Restore(saved);
                    _completionOrder.Add(saved.Index);
                }

                Signal();
            }
        }
        finally
        {
            _saving = false;
        }

        TryComplete();
    }

    private void CancelRemaining(string reason)
    {
        foreach (var chunk in _chunks.Where(c => !c.IsTerminal))
        {
            Terminate(chunk, FutureState.Cancelled, reason);
        }

        _queue.Clear();
        Signal();
    }

    private void TryComplete()
    {
        if (_state == JobState.Running && _running == 0 && !_saving && !_ownershipLost && _chunks.All(c => c.Saved))
        {
            Complete();
        }
    }

    private void Complete()
    {
        var failed = _chunks.FirstOrDefault(c => c.State == FutureState.Failed);
        var cancelled = _chunks.Any(c => c.State == FutureState.Cancelled);
        if (failed is not null)
        {
            _state = JobState.Failed;
            _error = $"chunk {failed.Index} (items {failed.Start}..{failed.Start + failed.Count - 1}) failed: {failed.Error}";
        }
        else if (cancelled && !_decided && !_chunks.Any(c => c.State == FutureState.Done && _kernel!.DecidesJob(c.Payload!)))
        {
            _state = JobState.Cancelled;
        }
        else
        {
            try
            {
                var payloads = _chunks.Where(c => c.State == FutureState.Done).Select(c => c.Payload!).ToList();
                _resultJson = JsonSerializer.Serialize(_kernel!.Reduce(_parameters!, payloads), ResultJson.Options);
                _state = JobState.Completed;
            }
            catch (Exception exception)
            {
                _state = JobState.Failed;
                _error = $"combining the results failed: {exception.GetType().Name}: {exception.Message}";
            }
        }

        Finish();
    }

    private void Finish()
    {
        _finished = time.GetUtcNow();
        Signal();
        _ = PersistEndAsync();
    }

    private async Task PersistEndAsync()
    {
        // Until the end is stored the job counts as running (admission) and would resume after a failover: keep trying.
        while (!_ownershipLost && !RetentionEnded)
        {
            try
            {
                await store.FinishAsync(JobId, _epoch, _state, _resultJson, _error, _finished!.Value, _finished.Value + Retention);
                return;
            }
            catch (JobOwnershipLostException exception)
            {
                LoseOwnership(exception);
            }
            catch (Exception exception)
            {
                logger.JobEndSaveFailed(exception, JobId);
                await Task.Delay(TimeSpan.FromSeconds(1), time);
            }
        }
    }

    private Task TellSilosToCancelAsync() => Task.WhenAll(workers.ActiveSilos.Select(async silo =>
    {
        try
        {
            await GrainFactory.GetGrain<ISiloWorkerGrain>(SiloKey.Of(silo)).CancelJob(RunId);
        }
        catch (Exception exception) when (IsLostCall(exception))
        {
            // A gone silo runs nothing of ours any more.
        }
    }));

    private bool Holds(ReturnWhen when) => _state is JobState.Completed or JobState.Failed or JobState.Cancelled || when switch
    {
        ReturnWhen.FirstCompleted => _completionOrder.Count > 0,
        ReturnWhen.FirstException => _chunks.Any(c => c.State == FutureState.Failed && c.Saved),
        _ => false,
    };

    private void Signal()
    {
        var changed = _changed;
        _changed = NewSignal();
        changed.TrySetResult();
    }

    private TimeSpan Retention => TimeSpan.FromSeconds(_spec!.Options!.RetentionSeconds);

    private bool RetentionEnded => _finished is { } finished && time.GetUtcNow() - finished > Retention;

    private void KeepAliveUntilRetentionEnds()
    {
        // Timer ticks count as activity, so the idle collector leaves the job (and its results) alone until then.
        // The store row goes with JobKeeper's purge.
        _keepAlive ??= this.RegisterGrainTimer(() =>
        {
            if (RetentionEnded)
            {
                _keepAlive?.Dispose();
                DeactivateOnIdle();
            }

            return Task.CompletedTask;
        }, new GrainTimerCreationOptions(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)) { Interleave = true, KeepAlive = true });
    }

    private void EnsureSubmitted()
    {
        if (_spec is null || RetentionEnded)
        {
            DeactivateOnIdle();
            throw new JobNotFoundException($"Job '{JobId}' does not exist (never submitted, or its results' retention ended).");
        }
    }

    private JobStatus Status()
    {
        var silos = _chunks.Where(c => c.Silo is not null && c.State == FutureState.Done)
            .GroupBy(c => c.Silo!)
            .Select(g => new SiloShare(g.Key, g.Count(), g.Sum(c => c.Seconds)))
            .OrderBy(s => s.Silo, StringComparer.Ordinal)
            .ToList();
        return new JobStatus(
            JobId,
            _spec!.Kernel,
            _state,
            _items,
            _chunks.Count,
            _chunks.Count(c => c.State == FutureState.Done),
            _chunks.Count(c => c.State == FutureState.Failed),
            _chunks.Count(c => c.State == FutureState.Cancelled),
            _chunks.Count(c => c.State == FutureState.Running),
            _chunks.Where(c => c.State == FutureState.Done).Sum(c => (long)c.Count),
            _submitted,
            _started,
            _finished,
            _resultJson?.Length > MaxResultInStatus ? null : _resultJson,
            _resultJson?.Length > MaxResultInStatus,
            _error,
            _dependsOn,
            silos,
            Here.ToString());
    }

    /// <summary>Another activation claimed the job (this one was cut off during a failover): stop, write nothing more, go.</summary>
    private void LoseOwnership(JobOwnershipLostException exception)
    {
        if (_ownershipLost)
        {
            return;
        }

        _ownershipLost = true;
        _queue.Clear();
        Signal();
        logger.JobOwnershipLost(JobId, Here.ToString(), exception.Message);
        DeactivateOnIdle();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A job's parameters bound and cut into chunks, before anything of the grain changes.</summary>
    private sealed record JobPlan(object Parameters, string? ParametersJson, long Items, int ChunkSize);
}
