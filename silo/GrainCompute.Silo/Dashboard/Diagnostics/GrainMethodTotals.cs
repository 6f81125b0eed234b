namespace GrainCompute.Server.Dashboard.Diagnostics;

/// <summary>What one grain class's method has done since the silo started (while measured): subtract two readings for a window.</summary>
/// <param name="Interface">The grain interface ("IJobGrain").</param>
/// <param name="GrainType">The grain class ("JobGrain").</param>
/// <param name="Method">The interface method ("GetStatus").</param>
/// <param name="Buckets">Call counts per <see cref="LatencyHistogram"/> bucket.</param>
internal sealed record GrainMethodTotals(string Interface, string GrainType, string Method, long Calls, long Errors, double TotalMilliseconds, long[] Buckets);
