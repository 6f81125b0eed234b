namespace GrainCompute.Server.Dashboard;

/// <summary>One grain class's method over a window: counts, and latencies as <see cref="Diagnostics.LatencyHistogram"/> bucket counts (trailing zeros cut).</summary>
[GenerateSerializer]
[Immutable]
[Alias("gc.GrainMethodWindow")]
public sealed record GrainMethodWindow(string GrainType, string Method, long Calls, long Errors, double TotalMilliseconds, long[] Buckets);
