namespace GrainCompute.Grains.Jobs;

/// <summary>
/// This silo's job run slots: at most <see cref="ComputeOptions.MaxConcurrentJobs"/> of its jobs run at once; the rest
/// wait their turn, first in first out per client and round-robin across clients, so that one client's burst of
/// 100,000 futures neither fails nor shuts out another client. Only a full queue (<see cref="ComputeOptions.MaxQueuedJobs"/>)
/// refuses a job.
/// </summary>
/// <remarks>
/// Per silo rather than cluster-wide: a job waits in the process that holds its grain, so a queue is never lost
/// without its jobs (which then resume, and queue again, on a survivor), and admission costs no message. Jobs
/// spread over silos by placement, so the cluster runs up to silos × MaxConcurrentJobs jobs.
/// </remarks>
internal sealed class JobAdmission(ComputeOptions options)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Queue<Ticket>> _waiting = new(StringComparer.Ordinal);
    private readonly Queue<string> _turns = new();
    private int _running;
    private int _queued;

    /// <summary>Jobs holding a slot.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Jobs waiting for a slot.</summary>
    public int Queued => Volatile.Read(ref _queued);

    /// <summary>
    /// A slot, at once or when the job's turn comes (the task then completes); cancelling gives up the place in the
    /// queue. Throws <see cref="ComputeLimitException"/> when <paramref name="mayRefuse"/> and the queue is full: a
    /// new job is refused, while a job that resumes after a failover always gets in line.
    /// </summary>
    public Task<Slot> EnterAsync(string client, bool mayRefuse, CancellationToken cancellationToken)
    {
        Ticket ticket;
        lock (_lock)
        {
            if (_running < options.MaxConcurrentJobs && _queued == 0)
            {
                _running++;
                return Task.FromResult(new Slot(this));
            }

            if (mayRefuse && _queued >= options.MaxQueuedJobs)
            {
                throw new ComputeLimitException(
                    $"{_queued} jobs are queued on this silo, the most Compute:MaxQueuedJobs allows; {_running} are running. Try again when some have finished.");
            }

            ticket = new Ticket();
            if (!_waiting.TryGetValue(client, out var queue))
            {
                _waiting[client] = queue = new Queue<Ticket>();
                _turns.Enqueue(client);
            }

            queue.Enqueue(ticket);
            _queued++;
        }

        ticket.Cancellation = cancellationToken.Register(() => GiveUp(ticket));
        return ticket.Granted.Task;
    }

    private void GiveUp(Ticket ticket)
    {
        lock (_lock)
        {
            if (ticket.Done)
            {
                return;
            }

            ticket.Done = true;
            _queued--;
        }

        ticket.Granted.TrySetCanceled();
    }

    private void Release()
    {
        List<Ticket> granted = [];
        lock (_lock)
        {
            _running--;
            while (_running < options.MaxConcurrentJobs && NextTicket() is { } next)
            {
                next.Done = true;
                _queued--;
                _running++;
                granted.Add(next);
            }
        }

        foreach (var ticket in granted)
        {
            ticket.Cancellation.Dispose();
            ticket.Granted.SetResult(new Slot(this));
        }
    }

    /// <summary>The first live ticket of the next client in turn (the client goes to the back if it has more); null when none.</summary>
    private Ticket? NextTicket()
    {
        while (_turns.TryDequeue(out var client))
        {
            var queue = _waiting[client];
            while (queue.TryDequeue(out var ticket))
            {
                if (!ticket.Done)
                {
                    if (queue.Count > 0)
                    {
                        _turns.Enqueue(client);
                    }
                    else
                    {
                        _waiting.Remove(client);
                    }

                    return ticket;
                }
            }

            _waiting.Remove(client);
        }

        return null;
    }

    /// <summary>A held run slot; disposing it (once) hands it to the next job in turn.</summary>
    public sealed class Slot(JobAdmission admission) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                admission.Release();
            }
        }
    }

    private sealed class Ticket
    {
        public TaskCompletionSource<Slot> Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Cancellation { get; set; }

        /// <summary>Granted or given up (under the lock).</summary>
        public bool Done { get; set; }
    }
}
