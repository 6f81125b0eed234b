using System.Text.Json;

namespace GrainCompute.Client.Transport;

/// <summary>
/// How a <see cref="ComputeClient"/> reaches the cluster: over the HTTP API (<see cref="HttpTransport"/>, any
/// network, any language's server side) or through Orleans' client calling the grains directly
/// (<see cref="GrainTransport"/>: the gateway port, or the silo in this process). Both answer with the client's
/// contract records and throw the same exceptions (<see cref="ComputeApiException"/> with the HTTP status and field
/// the API would give, <see cref="ComputeUnreachableException"/>), so nothing above this seam knows which one it has.
/// Every call is idempotent (submits carry a client-chosen id), which is what lets a transport retry.
/// </summary>
internal interface IComputeTransport : IAsyncDisposable
{
    /// <summary>Where this transport reaches the cluster, for messages and <see cref="ComputeClient.Gateway"/>.</summary>
    Uri Address { get; }

    /// <summary>The clock for backoff and deadlines (<see cref="ComputeClientOptions.TimeProvider"/>).</summary>
    TimeProvider Time { get; }

    Task<JobStatus> SubmitAsync(SubmitJobRequest job, CancellationToken cancellationToken);

    /// <summary>Submits up to <see cref="ComputeClient.MaxJobsPerRequest"/> jobs at once, all or none validated; their statuses in order.</summary>
    Task<IReadOnlyList<JobStatus>> SubmitBatchAsync(IReadOnlyList<SubmitJobRequest> jobs, CancellationToken cancellationToken);

    /// <summary>
    /// Runs one kernel call (no job) and answers its outcome: <c>{"result": …}</c>, <c>{"items": […]}</c> or
    /// <c>{"error": …, "errorType": …}</c>. Retried like a submit; the call may then run more than once.
    /// </summary>
    Task<JsonElement> CallAsync(CallBody call, CancellationToken cancellationToken);

    Task<JobStatus> StatusAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<ChunkInfo>> ChunksAsync(string id, CancellationToken cancellationToken);

    Task<JobStatus> CancelAsync(string id, CancellationToken cancellationToken);

    /// <summary>Waits on one job until <paramref name="returnWhen"/> holds or <paramref name="hold"/> passes (≤ 1 h).</summary>
    Task<WaitOutcome> WaitAsync(string id, ReturnWhen returnWhen, TimeSpan hold, CancellationToken cancellationToken);

    /// <summary>Waits on up to <see cref="ComputeClient.MaxJobsPerRequest"/> jobs until <paramref name="returnWhen"/> holds over them or <paramref name="hold"/> passes.</summary>
    Task<WaitManyAnswer> WaitManyAsync(IReadOnlyCollection<string> ids, ReturnWhen returnWhen, TimeSpan hold, CancellationToken cancellationToken);

    /// <summary>
    /// Calls <paramref name="finished"/> once with each job's final status as it finishes (those finished already
    /// first), up to <see cref="ComputeClient.MaxJobsPerRequest"/> jobs; returns when all have.
    /// </summary>
    /// <exception cref="ComputeApiException">A job is unknown or forgotten (404).</exception>
    /// <exception cref="ComputeUnreachableException">The cluster could not be followed any more.</exception>
    Task FollowAsync(IReadOnlyCollection<string> ids, Func<JobStatus, ValueTask> finished, CancellationToken cancellationToken);

    Task<ResultsPage> ResultsPageAsync(string id, ResultOrder order, long offset, int limit, CancellationToken cancellationToken);

    /// <summary>The job's whole result, however large (its status carries it only up to 64 KiB).</summary>
    Task<T?> ResultAsync<T>(string id, CancellationToken cancellationToken);

    /// <summary>Every item's result from <paramref name="offset"/> as it becomes available, in <paramref name="order"/>, without gap or duplicate.</summary>
    IAsyncEnumerable<ResultItem> ResultsAsync(ComputeFuture job, ResultOrder order, long offset, CancellationToken cancellationToken);

    Task<IReadOnlyList<KernelInfo>> KernelsAsync(CancellationToken cancellationToken);

    Task<ClusterInfo> ClusterAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<JobStatus>> JobsAsync(int limit, CancellationToken cancellationToken);
}
