namespace GrainCompute.Grains;

/// <summary>
/// What the HTTP API does beyond one job grain's calls, for clients that talk to the grains through Orleans (the
/// gateway port, or the silo in their own process): validated submits whose errors name the field, batches, waits
/// and completions over many jobs, the kernel and silo lists. A stateless worker: it activates on the silo the
/// caller reaches (for an Orleans client, its gateway), and the silo's HTTP endpoints and it share one
/// implementation. Single-job reads, waits and cancels go straight to <see cref="IJobGrain"/>.
/// </summary>
[Alias("gc.IComputeGateway")]
public interface IComputeGateway : IGrainWithIntegerKey
{
    /// <summary>Validates and submits one job (idempotent by id). Throws <see cref="Kernels.KernelParameterException"/> naming the bad field.</summary>
    /// <param name="client">Who submits, for fair queueing across clients.</param>
    [Alias("Submit")]
    Task<JobStatus> Submit(JobRequest job, string client);

    /// <summary>Validates every job first and submits none when one is bad (<see cref="JobsRejectedException"/> names each by its index); else submits all, their statuses in order.</summary>
    [Alias("SubmitBatch")]
    [ResponseTimeout("00:10:00")]
    Task<IReadOnlyList<JobStatus>> SubmitBatch(IReadOnlyList<JobRequest> jobs, string client);

    /// <summary>
    /// Runs one kernel call — its whole work in one chunk, no job — and answers its outcome as JSON
    /// (<c>{"result": …}</c>, <c>{"items": […]}</c> or <c>{"error": …, "errorType": …}</c>), as POST /api/calls.
    /// Throws <see cref="Kernels.KernelParameterException"/> naming a bad field; cancelling stops the running call.
    /// </summary>
    [Alias("Call")]
    [ResponseTimeout("1.00:00:00")]
    Task<string> Call(CallRequest call, CancellationToken cancellationToken = default);

    /// <summary>Waits until <paramref name="when"/> holds over the jobs or the timeout (≤ 1 h) passes, as POST /api/jobs/wait.</summary>
    [Alias("WaitMany")]
    [ResponseTimeout("01:05:00")]
    Task<JobsWaitOutcome> WaitMany(IReadOnlyList<string> ids, ReturnWhen when, double timeoutSeconds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Pushes the final statuses of <paramref name="ids"/> to <paramref name="observer"/> as the jobs finish (those
    /// finished already first, in batches), for up to <paramref name="holdSeconds"/>; returns the ids not finished by
    /// then, which the caller follows again with a new call. Every push is delivered before the call returns.
    /// </summary>
    [Alias("Follow")]
    [ResponseTimeout("00:10:00")]
    Task<IReadOnlyList<string>> Follow(IReadOnlyList<string> ids, IJobCompletionObserver observer, double holdSeconds, CancellationToken cancellationToken = default);

    /// <summary>GET /api/kernels's answer, as its JSON: one writer for both paths keeps them alike.</summary>
    [Alias("KernelsJson")]
    Task<string> KernelsJson();

    /// <summary>GET /api/cluster's answer, as its JSON.</summary>
    [Alias("ClusterJson")]
    Task<string> ClusterJson();

    /// <summary>The most recent jobs, as GET /api/jobs.</summary>
    [Alias("Jobs")]
    Task<IReadOnlyList<JobStatus>> Jobs(int limit);
}
