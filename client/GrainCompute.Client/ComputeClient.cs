using System.Runtime.CompilerServices;
using System.Text.Json;
using GrainCompute.Client.Local;
using GrainCompute.Client.Transport;

namespace GrainCompute.Client;

/// <summary>
/// A connection to a GrainCompute cluster over its HTTP API: submit jobs, follow them, read results. Connect to
/// running gateways with <see cref="ConnectAsync"/>, or start a one-silo cluster in this process with
/// <see cref="StartLocalAsync"/>.
/// </summary>
public sealed class ComputeClient : IAsyncDisposable
{
    private static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(5);

    private readonly LocalSilo? _local;

    private ComputeClient(Gateways gateways, LocalSilo? local)
    {
        Gateways = gateways;
        _local = local;
    }

    /// <summary>The gateway that answered last.</summary>
    public Uri Gateway => Gateways.Current;

    /// <summary>True when this client runs its own embedded silo.</summary>
    public bool IsLocal => _local is not null;

    internal Gateways Gateways { get; }

    /// <summary>Connects to the first gateway that answers GET /api/cluster; later calls fail over in order.</summary>
    /// <exception cref="ComputeUnreachableException">No gateway answered.</exception>
    /// <exception cref="ComputeApiException">A gateway answered with an error (401: the API key is missing or wrong).</exception>
    public static async Task<ComputeClient> ConnectAsync(IReadOnlyList<Uri> gateways, string? apiKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gateways);
        var connection = new Gateways(gateways, apiKey, DefaultConnectTimeout);
        var client = new ComputeClient(connection, null);
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

    /// <summary>Starts a one-silo cluster in this process (free ports) and connects to it over HTTP; disposing the client stops it.</summary>
    public static async Task<ComputeClient> StartLocalAsync(LocalClusterOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LocalClusterOptions();
        var local = await LocalSilo.StartAsync(options, cancellationToken).ConfigureAwait(false);
        var client = new ComputeClient(new Gateways([local.Address], options.ApiKey, DefaultConnectTimeout), local);
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

    /// <summary>Submits a job: <paramref name="kernel"/> over its items with <paramref name="parameters"/> (an object or dictionary, serialized camelCase; null: the defaults).</summary>
    /// <exception cref="ComputeApiException">Unknown kernel or bad parameter; <see cref="ComputeApiException.Field"/> names it.</exception>
    public async Task<ComputeJob> SubmitAsync(string kernel, object? parameters = null, SubmitOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kernel);
        var id = options?.Id ?? $"job-{Guid.NewGuid():N}"[..16];
        JsonElement? body = parameters switch
        {
            null => null,
            JsonElement element => element,
            string json => ClientJson.Parse(json),
            _ => JsonSerializer.SerializeToElement(parameters, parameters.GetType(), ClientJson.Options),
        };
        var status = await Gateways.PostAsync<JobStatus>("api/jobs", new SubmitJobRequest(kernel, body, options?.ChunkSize, id, options?.Options), cancellationToken).ConfigureAwait(false);
        return new ComputeJob(this, status.Id, status);
    }

    /// <summary>A handle on a job submitted earlier (not checked until used).</summary>
    public ComputeJob GetJob(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return new ComputeJob(this, id, null);
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
        Gateways.GetAsync<IReadOnlyList<KernelInfo>>("api/kernels", cancellationToken);

    public Task<ClusterInfo> ClusterAsync(CancellationToken cancellationToken = default) =>
        Gateways.GetAsync<ClusterInfo>("api/cluster", cancellationToken);

    /// <summary>The most recent jobs (GET /api/jobs).</summary>
    public Task<IReadOnlyList<JobStatus>> JobsAsync(int limit = 100, CancellationToken cancellationToken = default) =>
        Gateways.GetAsync<IReadOnlyList<JobStatus>>($"api/jobs?limit={limit}", cancellationToken);

    public async ValueTask DisposeAsync()
    {
        Gateways.Dispose();
        if (_local is not null)
        {
            await _local.DisposeAsync().ConfigureAwait(false);
        }
    }
}
