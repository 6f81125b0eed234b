using System.Runtime.CompilerServices;
using System.Text.Json;
using GrainCompute.Grains;
using Orleans;
using Polly;
using Polly.Retry;
using static GrainCompute.Client.Transport.GrainContracts;

namespace GrainCompute.Client.Transport;

/// <summary>
/// The cluster through Orleans: job calls go straight to the job's grain, the rest (validated submits, batches,
/// kernels, cluster, job list) to the <see cref="IComputeGateway"/> on the silo this client reaches. Used over an
/// Orleans client's gateway connection (<see cref="ComputeClient.ConnectGatewayAsync(IReadOnlyList{string}, string, ComputeClientOptions?, CancellationToken)"/>)
/// and by the embedded silo's in-process grain factory, where nothing goes over HTTP.
/// </summary>
/// <remarks>
/// Completions are pushed: many futures are followed with one <see cref="IComputeGateway.Follow"/> call per slice
/// of jobs and an observer this client registers, which receives their final statuses in batches, instead of one
/// long poll per future. A follow that fails because a silo died is asked again (with the jobs not yet seen), and
/// reaches each job grain where it was activated again. A cluster limit or unavailable silo is retried with backoff
/// (Polly) for <see cref="ComputeClientOptions.RetryBudget"/>, as 429/503 are over HTTP; then every failure is thrown
/// as the <see cref="ComputeApiException"/> the HTTP API would have answered (<see cref="GrainErrors"/>).
/// </remarks>
internal sealed class GrainTransport : IComputeTransport
{
    /// <summary>How long one follow call pushes before it returns the jobs still running (and is made again).</summary>
    private static readonly TimeSpan FollowHold = TimeSpan.FromSeconds(20);

    /// <summary>Holds below this are answered by the gateway's own wait rather than a follow call (see WaitManyAsync).</summary>
    private static readonly TimeSpan ShortestFollow = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A follow call not answered this long after its hold went to a silo that died: Orleans' client does not always
    /// fail a call whose gateway vanished, so it is given up and made again (through a live gateway).
    /// </summary>
    private static readonly TimeSpan FollowGrace = TimeSpan.FromSeconds(10);

    private static readonly ResiliencePropertyKey<long> FirstAttempt = new("GrainCompute.FirstAttempt");

    private readonly IGrainFactory _grains;
    private readonly IComputeGateway _gateway;
    private readonly string _client;
    private readonly ResiliencePipeline _retry;
    private readonly IAsyncDisposable? _owned;

    /// <param name="grains">An Orleans client's, or an in-process silo's, grain factory.</param>
    /// <param name="address">What <see cref="ComputeClient.Gateway"/> shows.</param>
    /// <param name="options">The client name (fair queueing), retry budget and clock.</param>
    /// <param name="owned">Stopped with the transport: the Orleans client host this transport made, if any.</param>
    public GrainTransport(IGrainFactory grains, Uri address, ComputeClientOptions options, IAsyncDisposable? owned)
    {
        _grains = grains;
        _gateway = grains.GetGrain<IComputeGateway>(0);
        _client = options.ClientName is { Length: > 0 } name ? name : $"{Environment.MachineName}/{Environment.ProcessId}";
        _owned = owned;
        Address = address;
        Time = options.TimeProvider;
        var budget = options.RetryBudget;
        var time = options.TimeProvider;
        _retry = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } failure && GrainErrors.IsBusy(failure) && time.GetElapsedTime(args.Context.Properties.GetValue(FirstAttempt, 0L)) < budget),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxDelay = TimeSpan.FromSeconds(5),
                MaxRetryAttempts = int.MaxValue,
            })
            .Build();
    }

    public Uri Address { get; }

    public TimeProvider Time { get; }

    public async Task<JobStatus> SubmitAsync(SubmitJobRequest job, CancellationToken cancellationToken) =>
        ToClient(await CallAsync(_ => _gateway.Submit(ToGrains(job), _client), cancellationToken).ConfigureAwait(false));

    public async Task<IReadOnlyList<JobStatus>> SubmitBatchAsync(IReadOnlyList<SubmitJobRequest> jobs, CancellationToken cancellationToken)
    {
        var statuses = await CallAsync(_ => _gateway.SubmitBatch([.. jobs.Select(ToGrains)], _client), cancellationToken).ConfigureAwait(false);
        return [.. statuses.Select(ToClient)];
    }

    public async Task<JsonElement> CallAsync(CallBody call, CancellationToken cancellationToken)
    {
        var request = new CallRequest(call.Kernel, call.Parameters?.GetRawText(), call.TimeoutSeconds);
        return ClientJson.Parse(await CallAsync(token => _gateway.Call(request, token), cancellationToken).ConfigureAwait(false));
    }

    public async Task<JobStatus> StatusAsync(string id, CancellationToken cancellationToken) =>
        ToClient(await CallAsync(_ => Job(id).GetStatus(), cancellationToken).ConfigureAwait(false));

    public async Task<IReadOnlyList<ChunkInfo>> ChunksAsync(string id, CancellationToken cancellationToken) =>
        [.. (await CallAsync(_ => Job(id).GetChunks(), cancellationToken).ConfigureAwait(false)).Select(ToClient)];

    public async Task<JobStatus> CancelAsync(string id, CancellationToken cancellationToken) =>
        ToClient(await CallAsync(_ => Job(id).Cancel(), cancellationToken).ConfigureAwait(false));

    public async Task<WaitOutcome> WaitAsync(string id, ReturnWhen returnWhen, TimeSpan hold, CancellationToken cancellationToken) =>
        ToClient(await CallAsync(_ => Job(id).WaitAsync(ToGrains(returnWhen), hold), cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// A wait on many jobs made of pushed completions (<see cref="FollowAsync"/>), ended as soon as <paramref name="returnWhen"/>
    /// holds over them. A short hold (a poll, or the last look at a deadline) asks the gateway instead: cut off after a
    /// few milliseconds, a follow call would not even have brought back the jobs that finished long ago.
    /// </summary>
    public async Task<WaitManyAnswer> WaitManyAsync(IReadOnlyCollection<string> ids, ReturnWhen returnWhen, TimeSpan hold, CancellationToken cancellationToken)
    {
        if (hold < ShortestFollow)
        {
            var outcome = await CallAsync(token => _gateway.WaitMany([.. ids], ToGrains(returnWhen), hold.TotalSeconds, token), cancellationToken).ConfigureAwait(false);
            return new WaitManyAnswer(outcome.Satisfied, [.. outcome.Done.Select(ToClient)], outcome.NotDone);
        }

        var gate = new Lock();
        var done = new Dictionary<string, JobStatus>(StringComparer.Ordinal);
        var satisfied = false;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(hold);
        try
        {
            await FollowAsync(
                ids,
                status =>
                {
                    lock (gate)
                    {
                        done[status.Id] = status;
                        satisfied = returnWhen switch
                        {
                            ReturnWhen.FirstCompleted => true,
                            ReturnWhen.FirstException => status.State == JobState.Failed || done.Count == ids.Count,
                            _ => done.Count == ids.Count,
                        };
                    }

                    if (satisfied)
                    {
                        stop.Cancel();
                    }

                    return ValueTask.CompletedTask;
                },
                stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The condition held, or the hold passed: the answer says which.
        }

        lock (gate)
        {
            return new WaitManyAnswer(satisfied || done.Count == ids.Count, [.. done.Values], [.. ids.Where(id => !done.ContainsKey(id))]);
        }
    }

    public async Task FollowAsync(IReadOnlyCollection<string> ids, Func<JobStatus, ValueTask> finished, CancellationToken cancellationToken)
    {
        // Guarded by unseen itself: pushes of a follow call that failed may still arrive while the next one runs.
        var unseen = new HashSet<string>(ids, StringComparer.Ordinal);
        var observer = new CompletionObserver(async statuses =>
        {
            foreach (var status in statuses)
            {
                bool first;
                lock (unseen)
                {
                    first = unseen.Remove(status.Id);
                }

                if (first)
                {
                    await finished(ToClient(status)).ConfigureAwait(false);
                }
            }
        });
        var reference = _grains.CreateObjectReference<IJobCompletionObserver>(observer);
        try
        {
            while (true)
            {
                string[] rest;
                lock (unseen)
                {
                    rest = [.. unseen];
                }

                if (rest.Length == 0)
                {
                    return;
                }

                using var overdue = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                overdue.CancelAfter(FollowHold + FollowGrace);
                try
                {
                    await CallAsync(token => _gateway.Follow(rest, reference, FollowHold.TotalSeconds, token), overdue.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // Overdue: asked again below with the jobs not yet seen.
                }
            }
        }
        finally
        {
            _grains.DeleteObjectReference<IJobCompletionObserver>(reference);
            // Orleans holds the observer weakly: it must live until its reference is gone.
            GC.KeepAlive(observer);
        }
    }

    public async Task<ResultsPage> ResultsPageAsync(string id, ResultOrder order, long offset, int limit, CancellationToken cancellationToken) =>
        ToClient(await CallAsync(_ => Job(id).GetResults(ToGrains(order), offset, limit), cancellationToken).ConfigureAwait(false));

    public async Task<T?> ResultAsync<T>(string id, CancellationToken cancellationToken)
    {
        var json = await CallAsync(_ => Job(id).GetResult(), cancellationToken).ConfigureAwait(false);
        return json is null ? default : JsonSerializer.Deserialize(json, ClientJson.Info<T>());
    }

    /// <summary>Pages of results, parked on the job between pages until another chunk finishes (what the HTTP stream does on the silo).</summary>
    public async IAsyncEnumerable<ResultItem> ResultsAsync(ComputeFuture job, ResultOrder order, long offset, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var grain = Job(job.Id);
        var position = offset;
        var finishedChunks = 0;
        while (true)
        {
            // Up to 10,000 a page: a future group's reader takes a group's every call through here, and each page over
            // the gateway is a round trip.
            var page = await CallAsync(_ => grain.GetResults(ToGrains(order), position, 10_000), cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                position++;
                yield return ToClient(item);
            }

            if (page.Complete)
            {
                yield break;
            }

            if (page.Items.Count == 0)
            {
                finishedChunks = await CallAsync(_ => grain.WaitForProgress(finishedChunks, 10), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<IReadOnlyList<KernelInfo>> KernelsAsync(CancellationToken cancellationToken) =>
        JsonSerializer.Deserialize(await CallAsync(_ => _gateway.KernelsJson(), cancellationToken).ConfigureAwait(false), ClientJson.Info<IReadOnlyList<KernelInfo>>()) ?? [];

    public async Task<ClusterInfo> ClusterAsync(CancellationToken cancellationToken) =>
        JsonSerializer.Deserialize(await CallAsync(_ => _gateway.ClusterJson(), cancellationToken).ConfigureAwait(false), ClientJson.Info<ClusterInfo>())
            ?? throw new ComputeApiException(502, "Empty response", "the cluster answered no cluster information");

    public async Task<IReadOnlyList<JobStatus>> JobsAsync(int limit, CancellationToken cancellationToken) =>
        [.. (await CallAsync(_ => _gateway.Jobs(limit), cancellationToken).ConfigureAwait(false)).Select(ToClient)];

    public async ValueTask DisposeAsync()
    {
        if (_owned is not null)
        {
            await _owned.DisposeAsync().ConfigureAwait(false);
        }
    }

    private IJobGrain Job(string id) => _grains.GetGrain<IJobGrain>(id);

    /// <summary>One grain call: retried while the cluster is busy or a silo unavailable (within the budget), then failures as <see cref="ComputeApiException"/>.</summary>
    private async Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(FirstAttempt, Time.GetTimestamp());
        try
        {
            return await _retry.ExecuteAsync(
                static async (context, call) => await call(context.CancellationToken).WaitAsync(context.CancellationToken).ConfigureAwait(false),
                context,
                call).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw GrainErrors.ToClient(exception);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A failure caused by the caller's cancellation (an observer push cut short) is that cancellation.
            throw new OperationCanceledException("the call was cancelled", exception, cancellationToken);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
