namespace GrainCompute.Bench.Peers;

/// <summary>One submit-all round: what came back, and when it knows, how long the submits took before the wait began.</summary>
internal sealed record SubmitAllOutcome(FuturesTally Tally, double? SubmitSeconds = null);
