using GrainCompute.Server.Dashboard.Diagnostics;

namespace GrainCompute.Server.Dashboard;

/// <summary>GET {dashboard}/api/grains: calls per grain class and method over the last seconds, cluster-wide.</summary>
/// <param name="Profiling">Whether every silo measures all grain calls now; profiling starts when a dashboard asks and stops a few seconds after the last ask.</param>
public sealed record GrainsSnapshot(double WindowSeconds, bool Profiling, IReadOnlyList<GrainMethodRow> Methods)
{
    public static GrainsSnapshot Merge(IReadOnlyList<SiloStats> silos)
    {
        var seconds = silos.Count == 0 ? 0 : silos.Max(s => s.WindowSeconds);
        var rows = silos
            .SelectMany(s => s.Grains)
            .GroupBy(g => (g.GrainType, g.Method))
            .Select(group =>
            {
                var buckets = new long[LatencyHistogram.BucketCount];
                foreach (var window in group)
                {
                    for (var i = 0; i < window.Buckets.Length; i++)
                    {
                        buckets[i] += window.Buckets[i];
                    }
                }

                var calls = group.Sum(g => g.Calls);
                var errors = group.Sum(g => g.Errors);
                return new GrainMethodRow(
                    group.Key.GrainType,
                    group.Key.Method,
                    calls,
                    errors,
                    seconds > 0 ? Math.Round(calls / seconds, 2) : 0,
                    calls > 0 ? Math.Round((double)errors / calls, 4) : 0,
                    calls > 0 ? Math.Round(group.Sum(g => g.TotalMilliseconds) / calls, 3) : 0,
                    Math.Round(LatencyHistogram.PercentileMilliseconds(buckets, 0.5), 3),
                    Math.Round(LatencyHistogram.PercentileMilliseconds(buckets, 0.99), 3));
            })
            .OrderByDescending(r => r.Calls)
            .ToList();
        return new GrainsSnapshot(Math.Round(seconds, 1), silos.Count > 0 && silos.All(s => s.Profiling), rows);
    }
}

/// <param name="ErrorRate">Failed calls / calls, 0..1.</param>
public sealed record GrainMethodRow(string GrainType, string Method, long Calls, long Errors, double CallsPerSecond, double ErrorRate, double MeanMs, double P50Ms, double P99Ms);
