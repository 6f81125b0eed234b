using System.Text.Json;
using GrainCompute.Grains.Workers;
using GrainCompute.Kernels;
using GrainCompute.Grains.Placement;
using GrainCompute.Grains.Telemetry;
using Microsoft.Extensions.Logging;

namespace GrainCompute.Grains.Jobs;

/// <summary>
/// Runs one job: splits it into chunks, hands them to worker grains, and keeps every chunk's state, result and
/// completion order, durably. The bookkeeping itself is the <see cref="JobLedger"/>'s; this grain does the I/O
/// (store writes under the epoch fence, worker calls, timers, waits, signals) and asks the ledger what to do.
/// </summary>
/// <remarks>
/// Design note. The grain is reentrant: chunk calls are awaited outside any request, so status queries, result
/// pages, waits and cancels are served while chunks run (all code still runs on the activation's one turn at a
/// time, so the state below needs no locks). At most <c>slots × ChunksAheadPerSlot</c> chunks are out at once
/// over the whole cluster (8× that for sub-millisecond chunks); each finished chunk releases the next, sent to the
/// active silo with the fewest chunks out per slot, so faster silos take more (docs/architecture.md says why push). Exactly-once accounting: a finished chunk gets the next completion sequence number and is
/// written to the <see cref="IJobStore"/> (first write per chunk wins) before results or the completion order
/// show it, so a reader never sees what a failover could take back. When the silo holding this grain dies the
/// job re-activates elsewhere from the store: stored chunks keep their results and sequence numbers, the rest
/// run again. A chunk whose silo died is run again without spending a retry (only kernel failures spend them).
/// Fencing: Orleans keeps one activation per job, but during a failover an old activation may still be running; each
/// activation claims the job in the store (a new epoch) and every write carries it, so an activation that lost
/// ownership can no longer plan, save, finish or fail the job — it stops and deactivates instead.
/// A job is kept active while it is unfinished; once its end is stored it goes after two idle minutes and a later
/// read activates it again from the store (results paged back from there), so that finished jobs kept for their
/// retention cost the silo nothing — active, each one's timer and Orleans' per-activation gauges kept an idle silo
/// holding 100,000 of them a third of a core busy.
/// </remarks>
[Reentrant]
[KernelServed]
[CollectionAgeLimit(Minutes = 2)]
internal sealed partial class JobGrain(
    KernelCatalog catalog, ComputeOptions limits, IJobStore store, ClusterWorkers workers, JobAdmission admission, ComputeMetrics metrics, TimeProvider time, ILogger<JobGrain> logger)
    : Grain, IJobGrain
{
    /// <summary>
    /// Longest a call parks on this grain (waits, result streams): a parked call holds the activation, and Orleans can
    /// only deactivate it (on shutdown, or when a silo leaves) once no call runs. Callers wait longer in a loop.
    /// </summary>
    private const double MaxParkSeconds = 15;

    /// <summary>Failed reads of one dependency (2, 4, … 32 s apart) before its dependent fails; about a minute in all.</summary>
    private const int MaxDependencyReadRetries = 5;

    private const double MaxChunkTimeoutSeconds = 86_400;
    private const double MaxRetentionSeconds = 30 * 86_400;

    private static readonly TimeSpan KeepAlivePeriod = TimeSpan.FromSeconds(30);
    private TaskCompletionSource _changed = NewSignal();
    private JobSpec? _spec;
    private IKernel? _kernel;

    /// <summary>The job's pure state; set together with <see cref="_spec"/>, so present once the job is submitted.</summary>
    private JobLedger? _ledger;
    private string? _parametersJson;
    private bool _saving;
    private long _epoch;
    private bool _ownershipLost;
    private IReadOnlyList<string> _dependsOn = [];
    private IGrainTimer? _keepAlive;
    private Task<JobStatus>? _submission;

    /// <summary>The job's end is in the store: from then on its results may leave memory (see <see cref="ReleaseResults"/>).</summary>
    private bool _endStored;
    private ResultsReadBack? _readBack;

    /// <summary>The state last logged (<see cref="Announce"/>), so each state the job enters is logged once.</summary>
    private JobState? _announced;

    /// <summary>This job's run slot on the silo (see <see cref="JobAdmission"/>), once it has one.</summary>
    private JobAdmission.Slot? _slot;

    /// <summary>Cancelled when the job no longer wants the slot it is in line for: it ended, lost ownership or deactivates.</summary>
    private CancellationTokenSource? _inLine;

    private string JobId => this.GetPrimaryKeyString();

    private SiloAddress Here => GrainContext.Address.SiloAddress!;

    private JobLedger Ledger => _ledger!;

    /// <summary>This submission of the job: a job id reused after its retention ended is another run.</summary>
    private string RunId => $"{JobId}@{Ledger.Submitted.UtcTicks}";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Only an unfinished job is claimed (fencing off any older activation's writes): a finished one is never
        // written again, so reading it back — a dashboard listing old jobs — writes nothing to the store.
        var stored = await store.ReadAsync(JobId, cancellationToken);
        if (stored is { Finished: null })
        {
            stored = await store.ClaimAsync(JobId, cancellationToken);
        }

        if (stored is not null)
        {
            Restore(stored);
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_ledger is not null)
        {
            metrics.Forget(_ledger);
        }

        LeaveAdmission();
        return Task.CompletedTask;
    }

    public async Task<JobStatus> Submit(JobSpec spec)
    {
        if (_spec is not null)
        {
            return SameJob(spec);
        }

        // The grain is reentrant: a second submit of this id arriving while the first awaits the store joins it
        // instead of planning the job twice. A refused or failed submit leaves nothing behind and may be retried.
        _submission ??= SubmitOnceAsync(spec);
        try
        {
            await _submission;
            return SameJob(spec);
        }
        finally
        {
            if (_spec is null)
            {
                _submission = null;
            }
        }
    }

    /// <summary>The status, when <paramref name="spec"/> is the job this id already names (a retried submit); else a conflict.</summary>
    private JobStatus SameJob(JobSpec spec)
    {
        var same = string.Equals(spec.Kernel, _spec!.Kernel, StringComparison.OrdinalIgnoreCase)
            && spec.ParametersJson == _spec.ParametersJson
            && spec.ChunkSize == _spec.ChunkSize
            && (spec.Options ?? new JobOptions()) == _spec.Options;
        return same
            ? Status()
            : throw new JobConflictException($"Job '{JobId}' exists with another kernel, parameters or options ({_spec.Kernel}); submit the same job to get it back, or choose another id.");
    }

    private async Task<JobStatus> SubmitOnceAsync(JobSpec spec)
    {
        var kernel = catalog.Get(spec.Kernel);
        var options = spec.Options ?? new JobOptions();
        ValidateOptions(spec, options);
        var dependsOn = FutureReferences.Find(spec.ParametersJson);
        if (dependsOn.Contains(JobId, StringComparer.Ordinal))
        {
            throw new KernelParameterException("parameters", $"a $future names job '{JobId}' itself, which would wait for its own result forever");
        }

        var depth = await DependencyDepthAsync(dependsOn);

        var plan = dependsOn.Count == 0 ? PlanFor(kernel, spec.ParametersJson, spec.ChunkSize) : null;

        // In line for a run slot before anything is stored, so a full queue refuses the job without a trace.
        var entry = plan is null ? null : EnterAdmission(spec.Client, mayRefuse: true);
        var submitted = time.GetUtcNow();
        var full = spec with { Options = options, KernelVersion = KernelVersion.Of(kernel), DependencyDepth = depth };
        var state = entry is null ? JobState.Waiting : entry.IsCompletedSuccessfully ? JobState.Running : JobState.Queued;
        bool created;
        try
        {
            created = await store.CreateAsync(new StoredJob(JobId, spec.Kernel, JsonSerializer.Serialize(full, ResultJson.Options), plan?.ParametersJson, plan?.ChunkSize ?? 0, plan?.Items ?? 0, state, submitted, null, null, null, [], 1));
        }
        catch
        {
            LeaveAdmission(entry);
            throw;
        }

        if (!created)
        {
            // Another activation stored it first (a failover raced this submit): take the job over as stored.
            LeaveAdmission(entry);
            Restore(await store.ClaimAsync(JobId) ?? throw new JobNotFoundException($"Job '{JobId}' was submitted twice at once and its retention already ended."));
            return Status();
        }

        (_spec, _kernel, _ledger, _dependsOn, _epoch) = (full, kernel, new JobLedger(kernel, options, limits.MaxJobResultBytes, submitted, time), dependsOn, 1);
        metrics.Watch(_ledger);
        metrics.JobSubmitted(spec.Kernel);
        KeepAliveUntilStored();
        if (plan is null)
        {
            _ = StartAfterDependenciesAsync();
        }
        else
        {
            Apply(plan);
            StartWhenAdmitted(entry!);
        }

        Announce();
        return Status();
    }

    public Task<JobStatus> GetStatus()
    {
        EnsureSubmitted();
        return Task.FromResult(Status());
    }

    public Task<int> GetDependencyDepth()
    {
        EnsureSubmitted();
        return Task.FromResult(_spec!.DependencyDepth);
    }

    /// <summary>
    /// One more than the deepest dependency's depth. A dependency must exist when its dependent is submitted: so no
    /// two jobs can ever wait for each other (a job's dependencies are fixed before any job can name it), and the
    /// depth of every chain is known and bounded.
    /// </summary>
    private async Task<int> DependencyDepthAsync(IReadOnlyList<string> dependsOn)
    {
        var depth = 0;
        foreach (var dependency in dependsOn)
        {
            try
            {
                depth = Math.Max(depth, 1 + await GrainFactory.GetGrain<IJobGrain>(dependency).GetDependencyDepth());
            }
            catch (JobNotFoundException)
            {
                throw new KernelParameterException("parameters", $"a $future names job '{dependency}', which does not exist (or its retention ended): submit it first");
            }
        }

        return depth <= limits.MaxDependencyDepth
            ? depth
            : throw new KernelParameterException("parameters", $"this job would end a chain of {depth} jobs each waiting for the one before; at most {limits.MaxDependencyDepth} (Compute:MaxDependencyDepth)");
    }

    public Task Resume()
    {
        EnsureSubmitted();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ChunkInfo>> GetChunks()
    {
        EnsureSubmitted();
        return Task.FromResult<IReadOnlyList<ChunkInfo>>([.. Ledger.Chunks.Select(c => c.ToInfo())]);
    }

    public async Task<string?> GetResult()
    {
        EnsureSubmitted();
        return Ledger.CombinedResultInStore ? await store.ReadResultAsync(JobId) : Ledger.ResultJson;
    }

    public async Task<ResultsPage> GetResults(ResultOrder order, long offset, int limit)
    {
        EnsureSubmitted();
        if (offset < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), "offset must be ≥ 0");
        }

        limit = Math.Clamp(limit, 1, 100_000);
        var inStore = Ledger.InStoreOnly(order, offset, limit);
        if (inStore.Count == 0)
        {
            return Ledger.Page(order, offset, limit);
        }

        _readBack ??= new ResultsReadBack(store, JobId, limits.ResultsInMemoryBytes);
        return Ledger.Page(order, offset, limit, await _readBack.ReadAsync(inStore));
    }

    public async Task<WaitOutcome> Wait(ReturnWhen when, double timeoutSeconds)
    {
        EnsureSubmitted();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(Math.Clamp(timeoutSeconds, 0, MaxParkSeconds)), time);
        var expired = Task.Delay(Timeout.InfiniteTimeSpan, timeout.Token);
        while (!Ledger.Holds(when) && !timeout.IsCancellationRequested)
        {
            await Task.WhenAny(_changed.Task, expired);
        }

        return new WaitOutcome(Ledger.Holds(when), Status());
    }

    public async Task<int> WaitForProgress(int knownFinishedChunks, double timeoutSeconds)
    {
        EnsureSubmitted();
        if (Ledger.SavedChunks <= knownFinishedChunks && !Status().IsFinished)
        {
            await Task.WhenAny(_changed.Task, Task.Delay(TimeSpan.FromSeconds(Math.Clamp(timeoutSeconds, 0, MaxParkSeconds)), time));
        }

        return Ledger.SavedChunks;
    }

    public Task<JobStatus> Cancel()
    {
        EnsureSubmitted();
        if (Ledger.Cancel())
        {
            SaveEnded();
            Finish();
            _ = TellSilosToCancelAsync();
        }

        return Task.FromResult(Status());
    }

    private void Restore(StoredJob stored)
    {
        var spec = JsonSerializer.Deserialize<JobSpec>(stored.SpecJson, ResultJson.Options)!;
        _epoch = stored.Epoch;
        _kernel = catalog.Get(stored.Kernel);
        (_spec, _ledger) = (spec, new JobLedger(_kernel, spec.Options!, limits.MaxJobResultBytes, stored.Submitted, time));
        metrics.Watch(_ledger);
        _dependsOn = FutureReferences.Find(_spec.ParametersJson);
        if (stored.ChunkSize > 0)
        {
            Apply(PlanFor(_kernel, stored.ParametersJson, stored.ChunkSize));
            Ledger.Restore(stored.Chunks);
        }

        if (stored.Finished is { } finished)
        {
            Ledger.RestoreEnd(stored.State, finished, stored.ResultJson, stored.Error);
            _announced = Ledger.State; // logged by the silo that ended it
            _endStored = true;
            ReleaseResults();
            return;
        }

        KeepAliveUntilStored();

        logger.JobResumed(JobId, Here.ToString(), stored.Chunks.Count, Ledger.Chunks.Count);
        if (stored.ChunkSize == 0)
        {
            // A new ledger waits until planned and started.
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

        var size = chunkSize ?? Math.Max(1, kernel.SuggestChunkSize(parameters));
        var chunks = (items + size - 1) / size;
        if (chunks > limits.MaxChunksPerJob)
        {
            // Each chunk is an object in the job grain and a row in the store: 10^8 of them would exhaust the silo.
            throw new KernelParameterException("chunkSize", $"chunkSize {size} cuts the {items} items into {chunks} chunks; at most {limits.MaxChunksPerJob} are allowed (Compute:MaxChunksPerJob): use chunkSize ≥ {(items + limits.MaxChunksPerJob - 1) / limits.MaxChunksPerJob}");
        }

        return new JobPlan(parameters, parametersJson, items, size);
    }

    private void Apply(JobPlan plan)
    {
        _parametersJson = plan.ParametersJson;
        Ledger.Plan(plan.Parameters, plan.Items, plan.ChunkSize);
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

        // Written so that NaN fails too: every comparison with NaN is false.
        if (options.ChunkTimeoutSeconds is { } timeout && !(timeout > 0))
        {
            throw new KernelParameterException("options.chunkTimeoutSeconds", "chunkTimeoutSeconds must be > 0");
        }

        if (options.ChunkTimeoutSeconds is > MaxChunkTimeoutSeconds)
        {
            throw new KernelParameterException("options.chunkTimeoutSeconds", $"chunkTimeoutSeconds must be at most {MaxChunkTimeoutSeconds} (a day)");
        }

        if (!(options.RetentionSeconds > 0 && options.RetentionSeconds <= MaxRetentionSeconds))
        {
            throw new KernelParameterException("options.retentionSeconds", $"retentionSeconds must be > 0 and at most {MaxRetentionSeconds} (30 days)");
        }
    }

    /// <summary>Runs the planned job once it has a run slot; one that resumes or whose dependencies are done gets in line, never refused.</summary>
    private void Start() => StartWhenAdmitted(EnterAdmission(_spec!.Client, mayRefuse: false));

    private Task<JobAdmission.Slot> EnterAdmission(string? client, bool mayRefuse)
    {
        _inLine = new CancellationTokenSource();
        return admission.EnterAsync(client ?? "", mayRefuse, _inLine.Token);
    }

    private void StartWhenAdmitted(Task<JobAdmission.Slot> entry)
    {
        if (entry.IsCompletedSuccessfully)
        {
            RunWith(entry.Result);
            return;
        }

        Ledger.Queue();
        Announce();
        _ = RunWhenAdmittedAsync(entry);
    }

    private async Task RunWhenAdmittedAsync(Task<JobAdmission.Slot> entry)
    {
        try
        {
            RunWith(await entry);
        }
        catch (OperationCanceledException)
        {
            // Cancelled, ended or deactivating while queued: nothing to run.
        }
    }

    private void RunWith(JobAdmission.Slot slot)
    {
        if (Ledger.IsFinished || _ownershipLost)
        {
            slot.Dispose();
            return;
        }

        _slot = slot;
        Ledger.Start();
        Announce();
        Pump();
        TryComplete();
    }

    /// <summary>
    /// Gives back the run slot or the place in line. An <paramref name="entry"/> of a submit that failed before the job
    /// existed gives back its slot too, whenever it comes.
    /// </summary>
    private void LeaveAdmission(Task<JobAdmission.Slot>? entry = null)
    {
        _inLine?.Cancel();
        _inLine?.Dispose();
        _inLine = null;
        _ = entry?.ContinueWith(static t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        _slot?.Dispose();
        _slot = null;
    }

    private async Task StartAfterDependenciesAsync()
    {
        var results = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var dependency in _dependsOn)
        {
            var job = GrainFactory.GetGrain<IJobGrain>(dependency);
            JobStatus? status = null;
            string? result = null;
            var failedReads = 0;
            while (status is null)
            {
                try
                {
                    var outcome = await job.Wait(ReturnWhen.AllCompleted, MaxParkSeconds);
                    status = outcome.Satisfied ? outcome.Status : null;
                    result = status is { State: JobState.Completed, ResultTooLargeForStatus: true } ? await job.GetResult() : status?.ResultJson;
                }
                catch (Exception exception) when (ClusterWorkers.IsLostCall(exception))
                {
                    // The dependency's silo died or is leaving: the dependency resumes elsewhere, so ask again.
                    await Task.Delay(TimeSpan.FromSeconds(1), time);
                }
                catch (Exception exception) when (exception is not JobNotFoundException && ++failedReads <= MaxDependencyReadRetries)
                {
                    // Reading it failed (its result from a store that timed out, say), not the dependency itself: again, later.
                    await Task.Delay(TimeSpan.FromSeconds(1 << failedReads), time);
                }
                catch (Exception exception)
                {
                    FailBeforeStart($"dependency failed: job '{dependency}': {exception.Message}");
                    return;
                }

                if (Ledger.State != JobState.Waiting)
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

        if (Ledger.State == JobState.Waiting)
        {
            Apply(plan);
            Start();
        }
    }

    private void FailBeforeStart(string error)
    {
        if (Ledger.FailBeforeStart(error))
        {
            Finish();
        }
    }

    private void Pump()
    {
        var window = Ledger.Window(workers.TotalSlots, limits.ChunksAheadPerSlot);
        while (!_ownershipLost && Ledger.TryTakeNext(window, out var chunk))
        {
            _ = RunChunkAsync(chunk);
        }
    }

    private async Task RunChunkAsync(Chunk chunk)
    {
        var request = new ChunkRequest(JobId, RunId, _spec!.Kernel, _spec.KernelVersion, _parametersJson, chunk.Index, chunk.Start, chunk.Count, _spec.Options!.ChunkTimeoutSeconds);
        ChunkOutcome? outcome = null;
        Exception? lost = null;
        // No silo may serve the job's kernel version (they left, or a rolling upgrade replaced it): this one, whose worker says why.
        var silo = workers.Pick(_spec.Kernel, _spec.KernelVersion) ?? Here;
        workers.Sent(silo);
        try
        {
            outcome = await GrainFactory.GetGrain<ISiloWorkerGrain>(SiloKey.Of(silo)).Run(request);
        }
        catch (KernelUnavailableException exception)
        {
            lost = exception; // that silo is fine, only without this kernel: now it is known, Pick passes it over
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

        OnChunkEnded(chunk, outcome, lost);
        Pump();
        TryComplete();
        Signal();
    }

    private void OnChunkEnded(Chunk chunk, ChunkOutcome? outcome, Exception? lost)
    {
        var verdict = Ledger.Ended(chunk, outcome, lost);
        SaveEnded();
        if (verdict.CancelOthers)
        {
            // A chunk decided the job, or failed one that stops on first error: the ledger cancelled the rest.
            Signal();
            _ = TellSilosToCancelAsync();
        }

        if (verdict.RequeueAfter is { } delay)
        {
            _ = RequeueAfterAsync(chunk, delay);
        }
    }

    private async Task RequeueAfterAsync(Chunk chunk, TimeSpan delay)
    {
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, time);
        }
        else
        {
            // A run that fails at once (a silo refusing before it starts) would otherwise come straight back here
            // through Pump and RunChunkAsync on the same stack, once per retry, until the stack overflows.
            await Task.Yield();
        }

        if (Ledger.Requeue(chunk))
        {
            Pump();
        }
    }

    /// <summary>Starts writing the chunks that ended, unless a write is already under way (it takes them next).</summary>
    private void SaveEnded()
    {
        if (Ledger.HasUnsaved && !_saving)
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
            while (Ledger.HasUnsaved && !_ownershipLost && !Ledger.RetentionEnded)
            {
                var batch = Ledger.TakeUnsaved();
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
                    Ledger.ReturnUnsaved(batch);
                    await Task.Delay(TimeSpan.FromSeconds(1), time);
                    continue;
                }

                Ledger.Saved(stored);
                Signal();
            }
        }
        finally
        {
            _saving = false;
        }

        ReleaseResults();
        TryComplete();
    }

    private void TryComplete()
    {
        if (!_saving && !_ownershipLost && Ledger.CanComplete)
        {
            Ledger.Complete();
            Finish();
        }
    }

    private void Finish()
    {
        metrics.JobFinished(_spec!.Kernel, Ledger.State);
        Announce();
        LeaveAdmission();
        Signal();
        _ = PersistEndAsync();
    }

    private async Task PersistEndAsync()
    {
        // Until the end is stored the job counts as running (admission) and would resume after a failover: keep trying.
        while (!_ownershipLost && !Ledger.RetentionEnded)
        {
            try
            {
                await store.FinishAsync(JobId, _epoch, Ledger.State, Ledger.ResultJson, Ledger.Error, Ledger.Finished!.Value, Ledger.Finished.Value + Ledger.Retention);
                _endStored = true;
                ReleaseResults();
                LetGoWhenIdle();
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

    /// <summary>
    /// A finished job's results beyond Compute:ResultsInMemoryBytes leave memory once its end is stored (the chunks'
    /// results were stored before it could end): finished jobs awaiting their readers must not fill the silo.
    /// </summary>
    private void ReleaseResults()
    {
        if (_endStored)
        {
            Ledger.ReleaseResults(limits.ResultsInMemoryBytes);
        }
    }

    private Task TellSilosToCancelAsync() => Task.WhenAll(workers.ActiveSilos.Select(async silo =>
    {
        try
        {
            await GrainFactory.GetGrain<ISiloWorkerGrain>(SiloKey.Of(silo)).CancelJob(RunId);
        }
        catch (Exception exception) when (ClusterWorkers.IsLostCall(exception))
        {
            // A gone silo runs nothing of ours any more.
        }
    }));

    private void Signal()
    {
        var changed = _changed;
        _changed = NewSignal();
        changed.TrySetResult();
    }

    /// <summary>
    /// Keeps the job active until its end is stored: a running (or queued, or waiting) job's work is not a request to
    /// it, so to the idle collector it looks idle. Each tick holds collection off for twice its period.
    /// </summary>
    private void KeepAliveUntilStored()
    {
        DelayDeactivation(KeepAlivePeriod * 2);
        _keepAlive ??= this.RegisterGrainTimer(
            () =>
            {
                DelayDeactivation(KeepAlivePeriod * 2);
                return Task.CompletedTask;
            },
            new GrainTimerCreationOptions(KeepAlivePeriod, KeepAlivePeriod) { Interleave = true, KeepAlive = true });
    }

    /// <summary>The end is stored: the job may go when idle (<see cref="CollectionAgeLimitAttribute"/>); a read brings it back from the store. Its store row goes with JobKeeper's purge.</summary>
    private void LetGoWhenIdle()
    {
        _keepAlive?.Dispose();
        _keepAlive = null;
        DelayDeactivation(TimeSpan.Zero);
    }

    private void EnsureSubmitted()
    {
        if (_spec is null || Ledger.RetentionEnded)
        {
            DeactivateOnIdle();
            throw new JobNotFoundException($"Job '{JobId}' does not exist (never submitted, or its results' retention ended).");
        }
    }

    private JobStatus Status() => Ledger.Status(JobId, _spec!.Kernel, _dependsOn, Here.ToString());

    /// <summary>Another activation claimed the job (this one was cut off during a failover): stop, write nothing more, go.</summary>
    private void LoseOwnership(JobOwnershipLostException exception)
    {
        if (_ownershipLost)
        {
            return;
        }

        _ownershipLost = true;
        LeaveAdmission();
        Ledger.StopHandingOut();
        Signal();
        logger.JobOwnershipLost(JobId, Here.ToString(), exception.Message);
        DeactivateOnIdle();
    }

    /// <summary>Logs the state the job is in now, once per state it enters (waiting, queued, running, and how it ended).</summary>
    private void Announce()
    {
        if (_announced != Ledger.State)
        {
            _announced = Ledger.State;
            logger.JobStateChanged(JobId, _spec!.Kernel, ComputeMetrics.StateName(Ledger.State), Here.ToString());
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A job's parameters bound and cut into chunks, before anything of the grain changes.</summary>
    private sealed record JobPlan(object Parameters, string? ParametersJson, long Items, int ChunkSize);
}
