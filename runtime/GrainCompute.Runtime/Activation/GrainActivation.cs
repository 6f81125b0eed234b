using GrainCompute.Runtime.Filters;
using GrainCompute.Runtime.Hosting;
using GrainCompute.Runtime.Scheduling;

namespace GrainCompute.Runtime.Activation;

/// <summary>
/// One activation of a grain: its instance, its mailbox and its turn.
/// </summary>
/// <remarks>
/// Design note. Turn-based concurrency as in Orleans: work waits in <c>_waiting</c> and starts only when the
/// rules allow (nothing running; or the class is reentrant; or the work always interleaves; or it is read-only
/// and only read-only work runs). All grain code runs on <see cref="ActivationTaskScheduler"/>, so even
/// interleaved requests never run in parallel: they take turns at await points. Invariants, all guarded by
/// <c>_lock</c>: <c>_running</c> counts started, unfinished work items; <c>_runningWriters</c> counts those that
/// are neither read-only nor interleaving; work is dequeued only in <see cref="ActivationState.Valid"/>.
/// An activation in Deactivating/Invalid refuses new work (<see cref="TryEnqueue"/> returns false) and the
/// catalog routes it to a fresh activation.
/// </remarks>
internal sealed class GrainActivation
{
    private readonly Lock _lock = new();
    private readonly Queue<ActivationWorkItem> _waiting = new();
    private readonly ActivationTaskScheduler _scheduler = new();
    private readonly List<ActivationTimer> _timers = [];
    private ActivationState _state;
    private int _running;
    private int _runningWriters;
    private bool _deactivateOnIdle;
    private Grain? _instance;
    private long _lastActiveTimestamp;

    public GrainActivation(GrainId id, GrainClass grainClass, Silo silo)
    {
        Id = id;
        Class = grainClass;
        Silo = silo;
        _lastActiveTimestamp = silo.TimeProvider.GetTimestamp();
    }

    public GrainId Id { get; }

    public GrainClass Class { get; }

    public Silo Silo { get; }

    /// <summary>Work running or waiting: how busy this activation is, for stateless worker pools.</summary>
    public int Load
    {
        get
        {
            lock (_lock)
            {
                return _running + _waiting.Count;
            }
        }
    }

    public ActivationState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    /// <summary>Idle (no work) for at least <paramref name="age"/>.</summary>
    public bool IsIdleFor(TimeSpan age)
    {
        lock (_lock)
        {
            return _state == ActivationState.Valid && _running == 0 && _waiting.Count == 0 &&
                Silo.TimeProvider.GetElapsedTime(_lastActiveTimestamp) >= age;
        }
    }

    /// <summary>Queues work; false when this activation is going away and the caller must re-resolve.</summary>
    public bool TryEnqueue(ActivationWorkItem work)
    {
        bool activate;
        lock (_lock)
        {
            if (_state >= ActivationState.Deactivating)
            {
                return false;
            }

            _waiting.Enqueue(work);
            activate = _state == ActivationState.Created;
            if (activate)
            {
                _state = ActivationState.Activating;
            }
        }

        if (activate)
        {
            _ = Task.Factory.StartNew(ActivateAsync, CancellationToken.None, TaskCreationOptions.DenyChildAttach, _scheduler).Unwrap();
        }
        else
        {
            Pump();
        }

        return true;
    }

    public IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ActivationTimer(this, callback, dueTime, period);
        lock (_lock)
        {
            _timers.Add(timer);
        }

        timer.Start();
        return timer;
    }

    public void RemoveTimer(ActivationTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    public void DeactivateOnIdle()
    {
        lock (_lock)
        {
            _deactivateOnIdle = true;
        }
    }

    /// <summary>Invokes the call's method on the grain instance, through the silo's call filters if any.</summary>
    public async Task<object?> InvokeAsync(IncomingCall call)
    {
        var filters = Silo.CallFilters;
        if (filters.Count == 0)
        {
            var task = call.Method.Invoke(_instance!, call.Arguments);
            await task;
            return call.Method.ReadResult(task);
        }

        var context = new GrainCallContext(call.Target, call.Method, call.Arguments, _instance!);
        await GrainCallFilterChain.InvokeAsync(filters, context);
        return context.Result;
    }

    /// <summary>
    /// Stops taking work and runs OnDeactivateAsync once running work is done. Returns false (and does
    /// nothing) when work is queued or running and <paramref name="evenIfBusy"/> is false.
    /// </summary>
    public async Task<bool> DeactivateAsync(bool evenIfBusy)
    {
        ActivationTimer[] timers;
        lock (_lock)
        {
            if (_state is ActivationState.Deactivating or ActivationState.Invalid ||
                (!evenIfBusy && (_running > 0 || _waiting.Count > 0)))
            {
                return false;
            }

            var wasActive = _state != ActivationState.Created;
            _state = ActivationState.Deactivating;
            timers = [.. _timers];
            _timers.Clear();
            if (!wasActive)
            {
                _state = ActivationState.Invalid;
            }
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }

        Silo.Catalog.Remove(this);
        if (_instance is not null)
        {
            await Task.Factory.StartNew(RunDeactivationAsync, CancellationToken.None, TaskCreationOptions.DenyChildAttach, _scheduler).Unwrap();
        }

        return true;
    }

    private async Task RunDeactivationAsync()
    {
        // Work already running (evenIfBusy) is let finish; work still waiting goes back through the catalog.
        ActivationWorkItem[] orphans;
        lock (_lock)
        {
            orphans = [.. _waiting];
            _waiting.Clear();
        }

        foreach (var orphan in orphans)
        {
            Silo.Catalog.Redeliver(Id, orphan);
        }

        try
        {
            await _instance!.OnDeactivateAsync(CancellationToken.None);
        }
        catch (Exception exception)
        {
            Silo.Log.DeactivationFailed(Id, exception);
        }
        finally
        {
            lock (_lock)
            {
                _state = ActivationState.Invalid;
            }
        }
    }

    private async Task ActivateAsync()
    {
        try
        {
            _instance = (Grain)Class.Factory(Silo.Services, null);
            _instance.Attach(this);
            await _instance.OnActivateAsync(CancellationToken.None);
            lock (_lock)
            {
                _state = ActivationState.Valid;
            }

            Silo.Metrics.ActivationCreated(Class.Interface);
        }
        catch (Exception exception)
        {
            Silo.Log.ActivationFailed(Id, exception);
            ActivationWorkItem[] failed;
            lock (_lock)
            {
                _state = ActivationState.Invalid;
                failed = [.. _waiting];
                _waiting.Clear();
            }

            Silo.Catalog.Remove(this);
            var reason = new InvalidOperationException($"Activation of {Id} failed: {exception.Message}", exception);
            foreach (var work in failed)
            {
                work.Reject(reason);
            }

            return;
        }

        Pump();
    }

    private void Pump()
    {
        while (true)
        {
            ActivationWorkItem? next;
            lock (_lock)
            {
                if (_state != ActivationState.Valid || !_waiting.TryPeek(out next) || !CanStart(next))
                {
                    return;
                }

                _waiting.Dequeue();
                _running++;
                if (IsWriter(next))
                {
                    _runningWriters++;
                }
            }

            // RunWorkAsync never throws; its task needs no unwrapping or observing.
            _ = Task.Factory.StartNew(RunWorkAsync, next, CancellationToken.None, TaskCreationOptions.DenyChildAttach, _scheduler);
        }
    }

    private async Task RunWorkAsync(object? state)
    {
        var work = (ActivationWorkItem)state!;
        try
        {
            await work.RunAsync(this);
        }
        finally
        {
            bool deactivate;
            lock (_lock)
            {
                _running--;
                if (IsWriter(work))
                {
                    _runningWriters--;
                }

                _lastActiveTimestamp = Silo.TimeProvider.GetTimestamp();
                deactivate = _deactivateOnIdle && _running == 0 && _waiting.Count == 0;
            }

            if (deactivate)
            {
                _ = DeactivateAsync(evenIfBusy: false);
            }
            else
            {
                Pump();
            }
        }
    }

    private bool CanStart(ActivationWorkItem work) =>
        _running == 0 || Class.Reentrant || work.AlwaysInterleave || (work.ReadOnly && _runningWriters == 0);

    private static bool IsWriter(ActivationWorkItem work) => !work.ReadOnly && !work.AlwaysInterleave;
}
