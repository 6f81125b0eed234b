namespace GrainCompute.Bench.Measurement;

/// <summary>
/// Calls completed in the measured window (warm-up excluded), how they spread over the callers, and what they
/// cost. <see cref="SlowestMicroseconds"/> is the longest single call of the whole run, warm-up included.
/// </summary>
internal sealed record ThroughputResult(long Calls, long FailedCalls, IReadOnlyList<long> CallsPerCaller, double SlowestMicroseconds, ResourceUsage Usage)
{
    public double CallsPerSecond => Calls / Usage.Elapsed.TotalSeconds;

    /// <summary>
    /// The least served caller's share relative to an even split (1 = every caller got the same number of calls;
    /// 0 = some caller got none: it starved).
    /// </summary>
    public double Fairness => Calls == 0 ? 0 : CallsPerCaller.Min() / ((double)Calls / CallsPerCaller.Count);
}
