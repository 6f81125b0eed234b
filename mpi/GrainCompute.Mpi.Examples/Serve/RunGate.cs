namespace GrainCompute.Mpi.Examples.Serve;

/// <summary>
/// Admission for runs: at most <c>maxConcurrent</c> execute, at most <c>queueLimit</c> more wait in FIFO-ish
/// order (SemaphoreSlim), anything beyond is refused at once so callers get a clear "busy" instead of a
/// request that hangs behind a long run.
/// </summary>
internal sealed class RunGate(int maxConcurrent, int queueLimit) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(maxConcurrent, maxConcurrent);

    // Running plus waiting runs; invariant: never above maxConcurrent + queueLimit once TryEnterAsync returned.
    private int _admitted;

    public int Running => maxConcurrent - _slots.CurrentCount;

    public int Admitted => Volatile.Read(ref _admitted);

    /// <summary>Null when the queue is full; otherwise a lease, awaited until a slot is free, to dispose after the run.</summary>
    public async Task<IDisposable?> TryEnterAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _admitted) > maxConcurrent + queueLimit)
        {
            Interlocked.Decrement(ref _admitted);
            return null;
        }

        try
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Interlocked.Decrement(ref _admitted);
            throw;
        }

        return new Lease(this);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Lease(RunGate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate._slots.Release();
                Interlocked.Decrement(ref gate._admitted);
            }
        }
    }
}
