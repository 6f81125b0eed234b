using System.Globalization;
using System.Text.Json;

namespace GrainCompute.Client.Transport;

/// <summary>The cluster over its HTTP API (docs/api.md), through <see cref="Gateways"/>: failover, retries of 429/503, timeouts.</summary>
internal sealed class HttpTransport(Gateways gateways) : IComputeTransport
{
    public Gateways Gateways => gateways;

    public Uri Address => gateways.Current;

    public TimeProvider Time => gateways.Time;

    public Task<JobStatus> SubmitAsync(SubmitJobRequest job, CancellationToken cancellationToken) =>
        gateways.PostAsync<JobStatus>("api/jobs", job, cancellationToken);

    public async Task<IReadOnlyList<JobStatus>> SubmitBatchAsync(IReadOnlyList<SubmitJobRequest> jobs, CancellationToken cancellationToken) =>
        (await gateways.PostAsync<SubmitBatchAnswer>("api/jobs/batch", new SubmitBatchRequest(jobs), cancellationToken).ConfigureAwait(false)).Jobs;

    /// <remarks>The server holds the answer while the kernel runs: its timeout, else a day, is added to the attempt's.</remarks>
    public Task<JsonElement> CallAsync(CallBody call, CancellationToken cancellationToken) =>
        gateways.PostAsync<JsonElement>("api/calls", call, cancellationToken, serverHold: TimeSpan.FromSeconds(call.TimeoutSeconds ?? 86_400));

    public Task<JobStatus> StatusAsync(string id, CancellationToken cancellationToken) =>
        gateways.GetAsync<JobStatus>(JobPath(id), cancellationToken);

    public Task<IReadOnlyList<ChunkInfo>> ChunksAsync(string id, CancellationToken cancellationToken) =>
        gateways.GetAsync<IReadOnlyList<ChunkInfo>>($"{JobPath(id)}/chunks", cancellationToken);

    public Task<JobStatus> CancelAsync(string id, CancellationToken cancellationToken) =>
        gateways.PostAsync<JobStatus>($"{JobPath(id)}/cancel", null, cancellationToken);

    public Task<WaitOutcome> WaitAsync(string id, ReturnWhen returnWhen, TimeSpan hold, CancellationToken cancellationToken) =>
        gateways.PostAsync<WaitOutcome>($"{JobPath(id)}/wait", new WaitRequest(returnWhen, hold.TotalSeconds), cancellationToken, serverHold: hold);

    public Task<WaitManyAnswer> WaitManyAsync(IReadOnlyCollection<string> ids, ReturnWhen returnWhen, TimeSpan hold, CancellationToken cancellationToken) =>
        gateways.PostAsync<WaitManyAnswer>("api/jobs/wait", new WaitManyRequest([.. ids], returnWhen, hold.TotalSeconds), cancellationToken, serverHold: hold);

    public Task FollowAsync(IReadOnlyCollection<string> ids, Func<JobStatus, ValueTask> finished, CancellationToken cancellationToken) =>
        CompletionStream.FollowAsync(gateways, ids, finished, cancellationToken);

    public async Task<ResultsPage> ResultsPageAsync(string id, ResultOrder order, long offset, int limit, CancellationToken cancellationToken)
    {
        var page = await gateways.GetAsync<WirePage>($"{JobPath(id)}/results?order={OrderText(order)}&offset={offset.ToString(CultureInfo.InvariantCulture)}&limit={limit.ToString(CultureInfo.InvariantCulture)}", cancellationToken).ConfigureAwait(false);
        return page.ToPage();
    }

    public Task<T?> ResultAsync<T>(string id, CancellationToken cancellationToken) =>
        gateways.GetAsync<T?>($"{JobPath(id)}/result", cancellationToken);

    public IAsyncEnumerable<ResultItem> ResultsAsync(ComputeFuture job, ResultOrder order, long offset, CancellationToken cancellationToken) =>
        ResultStream.ReadAsync(gateways, $"{JobPath(job.Id)}/results/stream?order={OrderText(order)}", order, offset, job, cancellationToken);

    public Task<IReadOnlyList<KernelInfo>> KernelsAsync(CancellationToken cancellationToken) =>
        gateways.GetAsync<IReadOnlyList<KernelInfo>>("api/kernels", cancellationToken);

    public Task<ClusterInfo> ClusterAsync(CancellationToken cancellationToken) =>
        gateways.GetAsync<ClusterInfo>("api/cluster", cancellationToken);

    public Task<IReadOnlyList<JobStatus>> JobsAsync(int limit, CancellationToken cancellationToken) =>
        gateways.GetAsync<IReadOnlyList<JobStatus>>($"api/jobs?limit={limit.ToString(CultureInfo.InvariantCulture)}", cancellationToken);

    public ValueTask DisposeAsync()
    {
        gateways.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string JobPath(string id) => $"api/jobs/{Uri.EscapeDataString(id)}";

    private static string OrderText(ResultOrder order) => order == ResultOrder.Input ? "input" : "completion";
}
