namespace GrainCompute.Server.Dashboard.Diagnostics;

/// <summary>
/// Running totals of one grain class's method. Written with Interlocked by every call that is measured, read
/// (torn across fields, which a dashboard tolerates) by the sampler.
/// </summary>
internal sealed class GrainMethodCounters(string grainInterface, string grainType, string method)
{
    private readonly long[] _buckets = new long[LatencyHistogram.BucketCount];
    private long _calls;
    private long _errors;
    private long _totalMicroseconds;

    public void Finished(long microseconds, bool failed)
    {
        Interlocked.Increment(ref _calls);
        Interlocked.Add(ref _totalMicroseconds, microseconds);
        Interlocked.Increment(ref _buckets[LatencyHistogram.BucketOf(microseconds)]);
        if (failed)
        {
            Interlocked.Increment(ref _errors);
        }
    }

    public GrainMethodTotals Read() => new(
        grainInterface,
        grainType,
        method,
        Volatile.Read(ref _calls),
        Volatile.Read(ref _errors),
        Volatile.Read(ref _totalMicroseconds) / 1000.0,
        [.. _buckets]);
}
