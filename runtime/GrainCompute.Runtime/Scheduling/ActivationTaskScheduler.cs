namespace GrainCompute.Runtime.Scheduling;

/// <summary>
/// Runs the tasks of one activation one at a time, on the thread pool.
/// </summary>
/// <remarks>
/// Design note. Orleans gives every activation its own TaskScheduler so that grain code is single-threaded:
/// an <c>await</c> inside grain code captures <see cref="TaskScheduler.Current"/> (when it is not the default)
/// and so resumes here, never in parallel with another turn of the same activation. Whether requests may
/// interleave at those awaits is decided one level up, by <see cref="Activation.GrainActivation"/>; this class
/// only guarantees mutual exclusion. Invariant: <c>_draining</c> is true exactly while one thread-pool work
/// item owns the queue; only that work item dequeues. After a batch it yields the thread so that one busy
/// activation cannot starve the pool.
/// </remarks>
internal sealed class ActivationTaskScheduler : TaskScheduler, IThreadPoolWorkItem
{
    private const int TasksPerTurnBatch = 64;

    [ThreadStatic]
    private static ActivationTaskScheduler? t_running;

    private readonly Queue<Task> _queue = new();
    private bool _draining; // guarded by _queue

    public override int MaximumConcurrencyLevel => 1;

    protected override void QueueTask(Task task)
    {
        lock (_queue)
        {
            _queue.Enqueue(task);
            if (_draining)
            {
                return;
            }

            _draining = true;
        }

        // The global FIFO queue, not this thread's local one: a worker pops its local queue first, and a call's
        // response continuation is queued locally too, so local turns let a few callers ping-pong on one thread
        // while the other activations' turns wait in the global queue (bench/: callers starved for seconds,
        // calls timed out under a 64-caller closed loop).
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    void IThreadPoolWorkItem.Execute()
    {
        t_running = this;
        try
        {
            for (var i = 0; i < TasksPerTurnBatch; i++)
            {
                Task? next;
                lock (_queue)
                {
                    if (!_queue.TryDequeue(out next))
                    {
                        _draining = false;
                        return;
                    }
                }

                TryExecuteTask(next);
            }
        }
        finally
        {
            t_running = null;
        }

        // Batch used up and the queue may still hold work: requeue ourselves behind other activations.
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    // Inlining is safe only on the thread that already owns this activation's turn.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        !taskWasPreviouslyQueued && t_running == this && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (_queue)
        {
            return _queue.ToArray();
        }
    }
}
