using System.Runtime.CompilerServices;
using System.Text.Json;
using GrainCompute.Client.Transport;

namespace GrainCompute.Client;

/// <summary>
/// A connection to a GrainCompute cluster, over its HTTP API or Orleans' client: submit jobs, follow them, read results. Connect to
/// running gateways with <see cref="ConnectAsync"/>, or start a one-silo cluster in this process with
/// <c>ComputeClient.StartLocalAsync</c> (package GrainCompute.Client.Local).
/// </summary>
public sealed partial class ComputeClient : IAsyncDisposable
{
    // The embedded silo this client started and stops with itself (StartLocalAsync); null for a cluster's.
    private readonly IAsyncDisposable? _local;

    // Cancelled by DisposeAsync: ends the futures' background waits.
    private readonly CancellationTokenSource _closing = new();

    private ComputeClient(IComputeTransport transport, IAsyncDisposable? local)
    {
        Transport = transport;
        _local = local;
        Kernels = new ComputeKernels(this);
    }

    /// <summary>The gateway that answered last (for a client over Orleans, the silo gateway it reaches the cluster through).</summary>
    public Uri Gateway => Transport.Address;

    /// <summary>True when this client runs its own embedded silo.</summary>
    public bool IsLocal => _local is not null;

    /// <summary>The built-in kernels as typed calls: <c>await client.Kernels.CollatzAsync(1_000_000)</c>.</summary>
    public ComputeKernels Kernels { get; }

    /// <summary>HTTP or grains: everything this client asks the cluster goes through it.</summary>
    internal IComputeTransport Transport { get; }

    internal CancellationToken Closing => _closing.Token;

    /// <summary>The clock of this client's options (backoff, deadlines).</summary>
    internal TimeProvider Time => Transport.Time;

    /// <summary>Connects to the first gateway that answers GET /api/cluster; later calls fail over in order.</summary>
    /// <exception cref="ComputeUnreachableException">No gateway answered.</exception>
    /// <exception cref="ComputeApiException">A gateway answered with an error (401: the API key is missing or wrong).</exception>
    public static Task<ComputeClient> ConnectAsync(IReadOnlyList<Uri> gateways, string? apiKey = null, CancellationToken cancellationToken = default) =>
        ConnectAsync(gateways, new ComputeClientOptions { ApiKey = apiKey }, cancellationToken);

    /// <summary>Connects like <see cref="ConnectAsync(IReadOnlyList{Uri}, string?, CancellationToken)"/>, with the API key, timeouts and retry budget of <paramref name="options"/>.</summary>
    /// <exception cref="ComputeUnreachableException">No gateway answered.</exception>
    /// <exception cref="ComputeApiException">A gateway answered with an error (401: the API key is missing or wrong).</exception>
    public static async Task<ComputeClient> ConnectAsync(IReadOnlyList<Uri> gateways, ComputeClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gateways);
        ArgumentNullException.ThrowIfNull(options);
        return await AnsweringAsync(new ComputeClient(new HttpTransport(new Gateways(gateways, options.Validated())), null), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A client over <paramref name="primary"/> instead of sockets, not checked until used (unit tests with a fake handler).</summary>
    internal static ComputeClient Create(IReadOnlyList<Uri> gateways, ComputeClientOptions options, HttpMessageHandler primary) =>
        new(new HttpTransport(new Gateways(gateways, options.Validated(), primary)), null);

    /// <summary>The client once a gateway answered GET /api/cluster; disposed (stopping its embedded silo) when none does.</summary>
    private static async Task<ComputeClient> AnsweringAsync(ComputeClient client, CancellationToken cancellationToken)
    {
        try
        {
            await client.ClusterAsync(cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Submits a job: <paramref name="kernel"/> over its items with <paramref name="parameters"/> (an object or
    /// dictionary, serialized camelCase; null: the defaults). A <see cref="ComputeFuture"/> among the parameters
    /// is sent as <c>{"$future": id}</c>: the job waits for that one and takes its result there (a dependency).
    /// </summary>
    /// <returns>A future of the job's result as JSON; <see cref="SubmitAsync{T}"/> types it.</returns>
    /// <exception cref="ComputeApiException">Unknown kernel or bad parameter; <see cref="ComputeApiException.Field"/> names it.</exception>
    public Task<ComputeFuture<JsonElement>> SubmitAsync(string kernel, object? parameters = null, SubmitOptions? options = null, CancellationToken cancellationToken = default) =>
        SubmitAsync<JsonElement>(kernel, parameters, options, null, cancellationToken);

    /// <summary>Submits a job like <see cref="SubmitAsync(string, object?, SubmitOptions?, CancellationToken)"/>; its result is read as <typeparamref name="T"/>.</summary>
    /// <exception cref="ComputeApiException">Unknown kernel or bad parameter; <see cref="ComputeApiException.Field"/> names it.</exception>
    public Task<ComputeFuture<T>> SubmitAsync<T>(string kernel, object? parameters = null, SubmitOptions? options = null, CancellationToken cancellationToken = default) =>
        SubmitAsync<T>(kernel, parameters, options, null, cancellationToken);

    /// <summary>A handle on a job submitted earlier, by id, not checked until used; also a way to pass a job id as a future argument.</summary>
    public ComputeFuture<JsonElement> GetJob(string id) => GetJob<JsonElement>(id);

    /// <inheritdoc cref="GetJob(string)"/>
    public ComputeFuture<T> GetJob<T>(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return new ComputeFuture<T>(this, id, null, submitted: false);
    }

    /// <summary>Reattaches to a job submitted earlier (by this process or another): checks it exists and returns a future of it.</summary>
    /// <exception cref="ComputeApiException">404 (<see cref="ComputeApiException.StatusCode"/>): no such job, or its retention ended.</exception>
    public Task<ComputeFuture<JsonElement>> AttachAsync(string jobId, CancellationToken cancellationToken = default) =>
        AttachAsync<JsonElement>(jobId, cancellationToken);

    /// <inheritdoc cref="AttachAsync(string, CancellationToken)"/>
    public async Task<ComputeFuture<T>> AttachAsync<T>(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        var status = await Transport.StatusAsync(jobId, cancellationToken).ConfigureAwait(false);
        return new ComputeFuture<T>(this, status.Id, status, submitted: false);
    }

    /// <summary>Runs a job and yields its item results in input order as they arrive, like Executor.map.</summary>
    /// <exception cref="ComputeTaskFailedException">An item failed (the rest is not read) or the job failed.</exception>
    public async IAsyncEnumerable<T> MapAsync<T>(string kernel, object? parameters = null, int? chunkSize = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var job = await SubmitAsync(kernel, parameters, new SubmitOptions(chunkSize), cancellationToken).ConfigureAwait(false);
        long count = 0;
        await foreach (var item in job.ResultsAsync(ResultOrder.Input, 0, cancellationToken).ConfigureAwait(false))
        {
            if (item.Error is not null)
            {
                var status = await job.StatusAsync(cancellationToken).ConfigureAwait(false);
                throw new ComputeTaskFailedException(job.Id, status.Error ?? $"item {item.Index}: {item.Error}");
            }

            count++;
            yield return item.GetValue<T>()!;
        }

        var final = await job.StatusAsync(cancellationToken).ConfigureAwait(false);
        if (count < final.Items)
        {
            throw final.State == JobState.Cancelled
                ? new OperationCanceledException($"job '{job.Id}' was cancelled after {count} of {final.Items} items")
                : new ComputeTaskFailedException(job.Id, final.Error ?? $"only {count} of {final.Items} items were delivered");
        }
    }

    public Task<IReadOnlyList<KernelInfo>> KernelsAsync(CancellationToken cancellationToken = default) =>
        Transport.KernelsAsync(cancellationToken);

    public Task<ClusterInfo> ClusterAsync(CancellationToken cancellationToken = default) =>
        Transport.ClusterAsync(cancellationToken);

    /// <summary>The most recent jobs (GET /api/jobs).</summary>
    public Task<IReadOnlyList<JobStatus>> JobsAsync(int limit = 100, CancellationToken cancellationToken = default) =>
        Transport.JobsAsync(limit, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_closing.IsCancellationRequested)
        {
            return;
        }

        // Not disposed: futures read Closing after the client is gone (and see it cancelled).
        await _closing.CancelAsync().ConfigureAwait(false);
        await Transport.DisposeAsync().ConfigureAwait(false);
        if (_local is not null)
        {
            await _local.DisposeAsync().ConfigureAwait(false);
        }
    }

    internal async Task<ComputeFuture<T>> SubmitAsync<T>(string kernel, object? parameters, SubmitOptions? options, Func<ComputeFuture<T>, CancellationToken, Task<T>>? readResult, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kernel);
        // Always an id of our own: a submit retried after a 429, a 503 or a lost answer then finds the job it made.
        var id = options?.Id ?? JobIds.New();
        var status = await Transport.SubmitAsync(new SubmitJobRequest(kernel, ParametersJson(parameters), options?.ChunkSize, id, options?.Options), cancellationToken).ConfigureAwait(false);
        return new ComputeFuture<T>(this, status.Id, status, submitted: true, readResult);
    }

    /// <summary>A submit's parameters as the JSON object sent: an object or dictionary serialized camelCase, JSON as it is, or null.</summary>
    private static JsonElement? ParametersJson(object? parameters) => parameters switch
    {
        null => null,
        JsonElement element => element,
        string json => ClientJson.Parse(json),
        _ => JsonSerializer.SerializeToElement(parameters, ClientJson.Options.GetTypeInfo(parameters.GetType())),
    };
}
