using GrainCompute.Grains;

namespace GrainCompute.Server.Api;

/// <summary>POST /api/jobs/batch body: many independent jobs in one request, each as in POST /api/jobs.</summary>
public sealed record SubmitBatchRequest(IReadOnlyList<SubmitJobRequest?>? Jobs);

/// <summary>POST /api/jobs/batch answer: each job's status, in request order.</summary>
public sealed record SubmitBatchResponse(IReadOnlyList<JobStatus> Jobs);

/// <summary>POST /api/jobs/wait body: wait on many jobs at once, as concurrent.futures.wait does.</summary>
public sealed record WaitManyRequest(IReadOnlyList<string>? Ids, ReturnWhen ReturnWhen = ReturnWhen.AllCompleted, double TimeoutSeconds = 30);

/// <summary>POST /api/jobs/wait answer: the jobs that had finished (final status) and the ids of the others.</summary>
/// <param name="Satisfied">The condition held (false: the timeout passed first).</param>
public sealed record WaitManyOutcome(bool Satisfied, IReadOnlyList<JobStatus> Done, IReadOnlyList<string> NotDone);

/// <summary>POST /api/jobs/completions body: the jobs whose final statuses to stream as they finish.</summary>
public sealed record CompletionsRequest(IReadOnlyList<string>? Ids);
