namespace GrainCompute.Server.Dashboard.Diagnostics;

/// <summary>
/// Chunks this silo's workers finished (done, failed or cancelled) and how long each ran, as the worker timed it: the
/// kernel's run alone, without the wait for a free worker slot that a <c>Run</c> call's latency also holds. Feeds the
/// cluster charts' chunks/s and chunk latency. Written with Interlocked, read torn (each counter whole, the set not at one instant).
/// </summary>
internal sealed class ChunkRunCounters
{
    private readonly long[] _buckets = new long[LatencyHistogram.BucketCount];
    private long _runs;

    public void Finished(double seconds)
    {
        Interlocked.Increment(ref _runs);
        Interlocked.Increment(ref _buckets[LatencyHistogram.BucketOf((long)(seconds * 1_000_000))]);
    }

    /// <summary>Chunks finished since the silo started, and their run times per <see cref="LatencyHistogram"/> bucket.</summary>
    public (long Runs, long[] Buckets) Read() => (Volatile.Read(ref _runs), [.. _buckets]);
}
