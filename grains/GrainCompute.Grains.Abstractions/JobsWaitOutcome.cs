namespace GrainCompute.Grains;

/// <summary>A wait on many jobs (<see cref="IComputeGateway.WaitMany"/>, POST /api/jobs/wait): the final statuses of the finished ones and the ids of the others.</summary>
/// <param name="Satisfied">The condition held (false: the timeout passed first).</param>
[GenerateSerializer]
[Immutable]
[Alias("gc.JobsWaitOutcome")]
public sealed record JobsWaitOutcome(bool Satisfied, IReadOnlyList<JobStatus> Done, IReadOnlyList<string> NotDone);
