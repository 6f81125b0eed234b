using System.Collections.Concurrent;
using GrainCompute.Kernels;

namespace GrainCompute.Grains.Workers;

/// <summary>
/// Runs this silo's chunks off the grain scheduler: CPU-bound kernels on at most <see cref="LocalSilo.WorkerSlots"/>
/// at a time (the rest wait in line, first come first served), I/O-bound ones at once — the seed's hundred sleeps all
/// wait together and hold no slot. On shutdown it drains: running chunks finish, waiting ones are handed back.
/// </summary>
public sealed class WorkerPool
{
    private readonly ChunkRunner _runner;
    private readonly KernelCatalog _catalog;
    private readonly WorkerLoad _load;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentQueue<int> _freeSlotNumbers;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // Cancelled when the drain begins: refuses new chunks and hands back those waiting for a slot.
    private readonly CancellationTokenSource _draining = new();
    private int _running;
    private int _busy;

    internal WorkerPool(ChunkRunner runner, KernelCatalog catalog, LocalSilo silo, WorkerLoad load)
    {
        _runner = runner;
        _catalog = catalog;
        _load = load;
        _slots = new SemaphoreSlim(silo.WorkerSlots);
        _freeSlotNumbers = new ConcurrentQueue<int>(Enumerable.Range(1, silo.WorkerSlots));

        // Each running chunk holds a pool thread for its whole run, and Orleans' turns, sockets and HTTP requests run on
        // the same pool: a silo pinned to one core starts with one thread and would leave its messaging waiting for
        // thread injection while a chunk runs. Keep a few threads beyond the slots.
        ThreadPool.GetMinThreads(out var threads, out var completionThreads);
        if (threads < silo.WorkerSlots + 4)
        {
            ThreadPool.SetMinThreads(silo.WorkerSlots + 4, completionThreads);
        }
    }

    /// <summary>The silo is shutting down: running chunks finish, new ones are refused.</summary>
    public bool IsDraining => _draining.IsCancellationRequested;

    /// <summary>CPU-bound chunks running now.</summary>
    public int Busy => Volatile.Read(ref _busy);

    internal async Task<ChunkOutcome> RunAsync(ChunkRequest request, string silo)
    {
        // Counted before the check, so a drain that saw no chunk running cannot miss one that slips in.
        Interlocked.Increment(ref _running);
        _load.Arrived();
        var started = false;
        try
        {
            ThrowIfStopping();
            if (_catalog.TryGet(request.Kernel, out var kernel) && kernel is IIoBoundKernel)
            {
                started = true;
                _load.Started();
                return await Task.Run(() => _runner.RunAsync(request, silo, "io"));
            }

            try
            {
                await _slots.WaitAsync(_draining.Token);
            }
            catch (OperationCanceledException)
            {
                ThrowIfStopping(); // still waiting for a slot when the drain began: hand the chunk back now
                throw;
            }

            try
            {
                _freeSlotNumbers.TryDequeue(out var slot);
                Interlocked.Increment(ref _busy);
                started = true;
                _load.Started();
                try
                {
                    return await Task.Run(() => _runner.RunAsync(request, silo, $"cpu-{slot}"));
                }
                finally
                {
                    Interlocked.Decrement(ref _busy);
                    _freeSlotNumbers.Enqueue(slot);
                }
            }
            finally
            {
                _slots.Release();
            }
        }
        finally
        {
            if (started)
            {
                _load.Ended();
            }
            else
            {
                _load.Left();
            }

            if (Interlocked.Decrement(ref _running) == 0 && IsDraining)
            {
                _drained.TrySetResult();
            }
        }
    }

    /// <summary>Takes no new chunks, hands back those waiting for a slot, and waits up to <paramref name="timeout"/> for the running ones to finish.</summary>
    internal async Task DrainAsync(TimeSpan timeout)
    {
        await _draining.CancelAsync().ConfigureAwait(false);
        if (Volatile.Read(ref _running) == 0)
        {
            return;
        }

        await Task.WhenAny(_drained.Task, Task.Delay(timeout)).ConfigureAwait(false);
    }

    private void ThrowIfStopping()
    {
        if (IsDraining)
        {
            throw new SiloStoppingException("this silo is shutting down and takes no new chunks");
        }
    }
}
