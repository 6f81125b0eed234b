using System.Text.Json;
using GrainCompute.Grains.Workers;
using GrainCompute.Kernels;
using GrainCompute.Runtime;

namespace GrainCompute.Grains.Jobs;

/// <summary>
/// Runs one job: splits it into chunks, hands them to worker grains, and keeps every chunk's state, result and
/// completion order.
/// </summary>
/// <remarks>
/// Design note. The grain is reentrant: chunk calls are awaited outside any request, so status queries, result
/// pages, waits and cancels are served while chunks run (all code still runs on the activation's one turn at a
/// time, so the state below needs no locks). At most <c>slots × ChunksAheadPerSlot</c> chunks are out at once
/// over the whole cluster; each finished chunk releases the next, so faster silos take more (pull with
/// look-ahead). A chunk's result is stored once, under its index: the first outcome wins and gets the next
/// completion sequence number, so a chunk that runs twice is counted once. A chunk whose silo died is run again
/// without spending a retry (only the kernel's own failures spend retries).
/// </remarks>
[Reentrant]
internal sealed partial class JobGrain(KernelCatalog catalog, ComputeOptions limits, TimeProvider time) : Grain, IJobGrain
{
    private const int IoChunksInFlight = 1024;
    private const int MaxResultInStatus = 64 * 1024;
    private readonly List<Chunk> _chunks = [];
    private readonly Queue<Chunk> _queue = new();
    private readonly List<int> _completionOrder = [];
    private TaskCompletionSource _changed = NewSignal();
    private JobSpec? _spec;
    private IKernel? _kernel;
    private object? _parameters;
    private string? _parametersJson;
    private JobState _state;
    private long _items;
    private int _running;
    private int _finishedChunks;
    private long _nextSeq;
    private bool _decided;
    private DateTimeOffset _submitted;
    private DateTimeOffset? _started;
    private DateTimeOffset? _finished;
    private string? _resultJson;
    private string? _error;
    private IReadOnlyList<string> _dependsOn = [];
    private IDisposable? _keepAlive;

    private string JobId => GetPrimaryKeyString();

    public async Task<JobStatus> Submit(JobSpec spec)
    {
        if (_spec is not null)
        {
            return Status();
        }

        var kernel = catalog.Get(spec.Kernel);
        var options = spec.Options ?? new JobOptions();
        ValidateOptions(spec, options);
        var dependsOn = FutureReferences.Find(spec.ParametersJson);
        if (dependsOn.Count == 0)
        {
            Plan(kernel, BoundParameters.Bind(kernel, spec.ParametersJson), spec.ParametersJson, spec.ChunkSize);
        }

        await GrainFactory.GetGrain<IJobDirectoryGrain>("jobs").Admit(JobId, spec.Kernel, limits.MaxConcurrentJobs);
        _spec = spec with { Options = options };
        _kernel = kernel;
        _submitted = time.GetUtcNow();
        _dependsOn = dependsOn;
        KeepAliveUntilRetentionEnds();
        if (dependsOn.Count == 0)
        {
            Start();
        }
        else
        {
            _state = JobState.Waiting;
            _ = StartAfterDependenciesAsync();
        }

        return Status();
    }

    public Task<JobStatus> GetStatus()
    {
        EnsureSubmitted();
        return Task.FromResult(Status());
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
        var deadline = time.GetTimestamp() + (long)(Math.Max(0, timeoutSeconds) * time.TimestampFrequency);
        while (!Holds(when))
        {
            var left = time.GetElapsedTime(time.GetTimestamp(), deadline);
            if (left <= TimeSpan.Zero)
            {
                return new WaitOutcome(false, Status());
            }

            var changed = _changed.Task;
            if (await Task.WhenAny(changed, Task.Delay(left, time)) != changed)
            {
                return new WaitOutcome(Holds(when), Status());
            }
        }

        return new WaitOutcome(true, Status());
    }

    public async Task<int> WaitForProgress(int knownFinishedChunks, double timeoutSeconds)
    {
        EnsureSubmitted();
        if (_finishedChunks <= knownFinishedChunks && !Status().IsFinished)
        {
            await Task.WhenAny(_changed.Task, Task.Delay(TimeSpan.FromSeconds(Math.Clamp(timeoutSeconds, 0, 60)), time));
        }

        return _finishedChunks;
    }

    public async Task<JobStatus> Cancel()
    {
        EnsureSubmitted();
        if (_state is JobState.Waiting or JobState.Running)
        {
            CancelRemaining("cancelled");
            _state = JobState.Cancelled;
            Finish();
            await TellSilosToCancelAsync();
        }

        return Status();
    }

    private void Plan(IKernel kernel, object parameters, string? parametersJson, int? chunkSize)
    {
        var items = kernel.ItemCount(parameters);
        if (items > limits.MaxItems)
        {
            throw new JobTooLargeException($"The job has {items} items; at most {limits.MaxItems} are allowed (Compute:MaxItems).");
        }

        var size = chunkSize ?? Math.Max(1, kernel.SuggestChunkSize(parameters));
        if (size < 1)
        {
            throw new KernelParameterException("chunkSize", "chunkSize must be ≥ 1");
        }

        _parameters = parameters;
        _parametersJson = parametersJson;
        _items = items;
        for (long start = 0, index = 0; start < items; start += size, index++)
        {
            var chunk = new Chunk((int)index, start, (int)Math.Min(size, items - start));
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

        if (options.RetentionSeconds <= 0)
        {
            throw new KernelParameterException("options.retentionSeconds", "retentionSeconds must be > 0");
        }
    }

    private void Start()
    {
        _state = JobState.Running;
        _started = time.GetUtcNow();
        if (_chunks.Count == 0)
        {
            Complete();
            return;
        }

        Pump();
    }

    private async Task StartAfterDependenciesAsync()
    {
        var results = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var dependency in _dependsOn)
        {
            JobStatus status;
            try
            {
                var job = GrainFactory.GetGrain<IJobGrain>(dependency);
                using (GrainCallOptions.WithTimeout(TimeSpan.FromDays(1)))
                {
                    status = (await job.Wait(ReturnWhen.AllCompleted, TimeSpan.FromDays(1).TotalSeconds)).Status;
                }
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

            if (status.State != JobState.Completed)
            {
                FailBeforeStart($"dependency failed: job '{dependency}' ended {status.State.ToString().ToLowerInvariant()}: {status.Error}");
                return;
            }

            results[dependency] = status.ResultJson;
        }

        try
        {
            var json = FutureReferences.Substitute(_spec!.ParametersJson!, results);
            Plan(_kernel!, BoundParameters.Bind(_kernel!, json), json, _spec.ChunkSize);
        }
        catch (Exception exception) when (exception is KernelParameterException or JobTooLargeException or JsonException)
        {
            FailBeforeStart($"dependency results do not fit {_spec!.Kernel}'s parameters: {exception.Message}");
            return;
        }

        Start();
    }

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
            : Math.Max(1, Cluster.Silos.Where(s => s.Status == SiloStatus.Active).Sum(s => s.WorkerSlots)) * limits.ChunksAheadPerSlot;
        while (_state == JobState.Running && _running < window && _queue.TryDequeue(out var chunk))
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
        var request = new ChunkRequest(JobId, _spec!.Kernel, _parametersJson, chunk.Index, chunk.Start, chunk.Count, _spec.Options!.ChunkTimeoutSeconds);
        ChunkOutcome? outcome = null;
        Exception? lost = null;
        try
        {
            // The worker enforces the chunk timeout itself; the call's own timeout only guards against a lost silo.
            using (GrainCallOptions.WithTimeout(TimeSpan.FromSeconds((_spec.Options.ChunkTimeoutSeconds ?? 3600) + 30)))
            {
                outcome = _kernel is IIoBoundKernel
                    ? await GrainFactory.GetGrain<IIoChunkWorkerGrain>("io").Run(request)
                    : await GrainFactory.GetGrain<IChunkWorkerGrain>("cpu").Run(request);
            }
        }
        catch (Exception exception)
        {
            lost = exception;
        }

        _running--;
        OnChunkEnded(chunk, outcome, lost);
        Pump();
        if (_running == 0 && _queue.Count == 0 && _state == JobState.Running && _chunks.All(c => c.IsTerminal))
        {
            Complete();
        }

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

        var runtimeFault = lost is SiloUnavailableException;
        var error = lost is null ? $"{outcome!.ErrorType}: {outcome.ErrorMessage}" : $"{lost.GetType().Name}: {lost.Message}";
        if (runtimeFault || chunk.Attempts <= _spec!.Options!.Retries)
        {
            // Run it again; a silo's death is not the chunk's fault, so it costs no retry.
            if (runtimeFault)
            {
                chunk.Attempts--;
            }

            chunk.State = FutureState.Pending;
            chunk.Error = error;
            _queue.Enqueue(chunk);
            return;
        }

        Terminate(chunk, FutureState.Failed, error);
        if (_spec.Options.StopOnFirstError)
        {
            CancelRemaining("cancelled: an earlier chunk failed and the job stops on first error");
            _ = TellSilosToCancelAsync();
        }
    }

    private void Terminate(Chunk chunk, FutureState state, string? error = null)
    {
        chunk.State = state;
        chunk.Error = error;
        chunk.Ended ??= time.GetUtcNow();
        chunk.CompletionSeq = ++_nextSeq;
        _completionOrder.Add(chunk.Index);
        _finishedChunks++;
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

    private void Complete()
    {
        var failed = _chunks.FirstOrDefault(c => c.State == FutureState.Failed);
        var cancelled = _chunks.Any(c => c.State == FutureState.Cancelled);
        if (failed is not null)
        {
            _state = JobState.Failed;
            _error = $"chunk {failed.Index} (items {failed.Start}..{failed.Start + failed.Count - 1}) failed: {failed.Error}";
        }
        else if (cancelled && !_decided)
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
        _ = GrainFactory.GetGrain<IJobDirectoryGrain>("jobs").Finished(JobId);
        Signal();
    }

    private async Task TellSilosToCancelAsync()
    {
        foreach (var silo in Cluster.Active)
        {
            try
            {
                await GrainFactory.GetGrain<ISiloControlGrain>(silo.ToString()).CancelJob(JobId);
            }
            catch (SiloUnavailableException)
            {
                // A gone silo runs nothing of ours any more.
            }
        }
    }

    private bool Holds(ReturnWhen when) => _state is JobState.Completed or JobState.Failed or JobState.Cancelled || when switch
    {
        ReturnWhen.FirstCompleted => _finishedChunks > 0,
        ReturnWhen.FirstException => _chunks.Any(c => c.State == FutureState.Failed),
        _ => false,
    };

    private void Signal()
    {
        var changed = _changed;
        _changed = NewSignal();
        changed.TrySetResult();
    }

    private void KeepAliveUntilRetentionEnds()
    {
        // Timer ticks count as activity, so the idle collector leaves the job (and its results) alone until then.
        _keepAlive = RegisterTimer(_ =>
        {
            var retention = TimeSpan.FromSeconds(_spec!.Options!.RetentionSeconds);
            if (_finished is { } finished && time.GetUtcNow() - finished > retention)
            {
                _keepAlive?.Dispose();
                DeactivateOnIdle();
            }

            return Task.CompletedTask;
        }, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
    }

    private void EnsureSubmitted()
    {
        if (_spec is null)
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
            silos);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
