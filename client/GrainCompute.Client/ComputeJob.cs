using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using GrainCompute.Client.Transport;

namespace GrainCompute.Client;

/// <summary>A submitted job, like a future: its status, a wait, its results, a cancel.</summary>
public sealed class ComputeJob
{
    // The API bounds one wait at an hour; longer waits are a loop of shorter ones.
    private static readonly TimeSpan MaxWaitPerCall = TimeSpan.FromMinutes(5);

    private readonly ComputeClient _client;

    internal ComputeJob(ComputeClient client, string id, JobStatus? submitted)
    {
        _client = client;
        Id = id;
        Submitted = submitted;
    }

    public string Id { get; }

    /// <summary>The status the submit returned (null for a handle from <see cref="ComputeClient.GetJob"/>).</summary>
    public JobStatus? Submitted { get; }

    private string Path => $"api/jobs/{Uri.EscapeDataString(Id)}";

    /// <exception cref="ComputeApiException">404: no such job (or its retention ended).</exception>
    public Task<JobStatus> StatusAsync(CancellationToken cancellationToken = default) =>
        _client.Gateways.GetAsync<JobStatus>(Path, cancellationToken);

    public Task<IReadOnlyList<ChunkInfo>> ChunksAsync(CancellationToken cancellationToken = default) =>
        _client.Gateways.GetAsync<IReadOnlyList<ChunkInfo>>($"{Path}/chunks", cancellationToken);

    public Task<JobStatus> CancelAsync(CancellationToken cancellationToken = default) =>
        _client.Gateways.PostAsync<JobStatus>($"{Path}/cancel", null, cancellationToken);

    /// <summary>Waits until <paramref name="returnWhen"/> holds or <paramref name="timeout"/> passes; <see cref="WaitOutcome.Satisfied"/> says which.</summary>
    public async Task<WaitOutcome> WaitAsync(ReturnWhen returnWhen = ReturnWhen.AllCompleted, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var left = timeout ?? Timeout.InfiniteTimeSpan;
        var deadline = left == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : TimeProvider.System.GetUtcNow() + left;
        while (true)
        {
            var slice = deadline == DateTimeOffset.MaxValue ? MaxWaitPerCall : TimeSpan.FromTicks(Math.Clamp((deadline - TimeProvider.System.GetUtcNow()).Ticks, 0, MaxWaitPerCall.Ticks));
            var outcome = await _client.Gateways.PostAsync<WaitOutcome>($"{Path}/wait", new WaitRequest(returnWhen, slice.TotalSeconds), cancellationToken).ConfigureAwait(false);
            if (outcome.Satisfied || outcome.Status.IsFinished || TimeProvider.System.GetUtcNow() >= deadline)
            {
                return outcome;
            }
        }
    }

    /// <summary>Waits for the job and returns its result (the reduction of all items) as <typeparamref name="T"/>.</summary>
    /// <exception cref="ComputeTaskFailedException">The job failed.</exception>
    /// <exception cref="OperationCanceledException">The job was cancelled.</exception>
    public async Task<T?> ResultAsync<T>(CancellationToken cancellationToken = default)
    {
        var status = (await WaitAsync(ReturnWhen.AllCompleted, null, cancellationToken).ConfigureAwait(false)).Status;
        switch (status.State)
        {
            case JobState.Failed:
                throw new ComputeTaskFailedException(Id, status.Error);
            case JobState.Cancelled:
                throw new OperationCanceledException($"job '{Id}' was cancelled");
        }

        if (status.ResultTooLargeForStatus)
        {
            return await _client.Gateways.GetAsync<T>($"{Path}/result", cancellationToken).ConfigureAwait(false);
        }

        return status.ResultJson is null ? default : JsonSerializer.Deserialize<T>(status.ResultJson, ClientJson.Options);
    }

    /// <summary>One page of results (GET /api/jobs/{id}/results): what is there now, without waiting.</summary>
    public async Task<ResultsPage> ResultsPageAsync(ResultOrder order = ResultOrder.Input, long offset = 0, int limit = 1000, CancellationToken cancellationToken = default)
    {
        var page = await _client.Gateways.GetAsync<WirePage>($"{Path}/results?order={OrderText(order)}&offset={offset.ToString(CultureInfo.InvariantCulture)}&limit={limit.ToString(CultureInfo.InvariantCulture)}", cancellationToken).ConfigureAwait(false);
        return page.ToPage();
    }

    /// <summary>
    /// Every item's result as it becomes available, in <paramref name="order"/>, read from the NDJSON stream. A
    /// broken stream is reopened (on the next gateway if need be) from the count already delivered, so no
    /// item is missed or repeated.
    /// </summary>
    /// <param name="order">Input order (like map) or completion order (like as_completed).</param>
    /// <param name="offset">Skip this many results of that order.</param>
    /// <param name="cancellationToken">Stops reading (the job goes on).</param>
    public IAsyncEnumerable<ResultItem> ResultsAsync(ResultOrder order = ResultOrder.Input, long offset = 0, CancellationToken cancellationToken = default) =>
        ResultStream.ReadAsync(_client.Gateways, $"{Path}/results/stream?order={OrderText(order)}", order, offset, this, cancellationToken);

    internal static string OrderText(ResultOrder order) => order == ResultOrder.Input ? "input" : "completion";

    public override string ToString() => Id;
}
