namespace GrainCompute.Bench.Peers;

/// <summary>A goal from the issue with what was measured against it; reported, never asserted.</summary>
/// <param name="Note">Where missed: what would close the gap, from the numbers of this run.</param>
internal sealed record PeerGoal(string Workload, string Text, string Measured, bool? Met, string? Note);
