using System.Diagnostics;

namespace GrainCompute.Bench.Measurement;

/// <summary>Per-call latencies of one closed-loop caller, sorted, with the window's resource usage.</summary>
internal sealed class LatencyResult
{
    private readonly long[] _sortedTicks;

    public LatencyResult(long[] ticks, int count, long failedCalls, ResourceUsage usage)
    {
        FailedCalls = failedCalls;
        _sortedTicks = ticks[..count];
        Array.Sort(_sortedTicks);
        Usage = usage;
    }

    public long Calls => _sortedTicks.Length;

    public long FailedCalls { get; }

    public ResourceUsage Usage { get; }

    public double CallsPerSecond => Calls / Usage.Elapsed.TotalSeconds;

    public double MeanMicroseconds => _sortedTicks.Length == 0 ? double.NaN : ToMicroseconds(_sortedTicks.Average());

    /// <summary>Nearest-rank percentile, <paramref name="fraction"/> in (0, 1]: the latency that many of the calls did not exceed.</summary>
    public double PercentileMicroseconds(double fraction)
    {
        if (_sortedTicks.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(fraction * _sortedTicks.Length);
        return ToMicroseconds(_sortedTicks[Math.Clamp(rank - 1, 0, _sortedTicks.Length - 1)]);
    }

    public double MaxMicroseconds => _sortedTicks.Length == 0 ? double.NaN : ToMicroseconds(_sortedTicks[^1]);

    private static double ToMicroseconds(double ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
}
