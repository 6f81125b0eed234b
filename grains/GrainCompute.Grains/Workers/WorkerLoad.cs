namespace GrainCompute.Grains.Workers;

/// <summary>
/// What this silo's <see cref="WorkerPool"/> holds right now, for the metrics: chunks waiting for a worker slot and
/// chunks running. Its own object so that the metrics read it without depending on the pool (whose runner records them).
/// </summary>
internal sealed class WorkerLoad
{
    private int _waiting;
    private int _executing;

    public int Waiting => Volatile.Read(ref _waiting);

    public int Executing => Volatile.Read(ref _executing);

    public void Arrived() => Interlocked.Increment(ref _waiting);

    /// <summary>A waiting chunk got a slot (or an I/O-bound one needs none) and runs now.</summary>
    public void Started()
    {
        Interlocked.Decrement(ref _waiting);
        Interlocked.Increment(ref _executing);
    }

    /// <summary>A chunk left without running (handed back during a drain, or refused).</summary>
    public void Left() => Interlocked.Decrement(ref _waiting);

    public void Ended() => Interlocked.Decrement(ref _executing);
}
