using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Polly;
using Polly.Retry;

namespace GrainCompute.Client.Transport;

/// <summary>
/// Follows many futures to their end, one slice of up to 10,000 jobs at once through its client's transport. Over
/// HTTP that is POST /api/jobs/completions: one NDJSON stream per slice of up to 10,000 jobs,
/// a final status a line in the order they finish. A stream that ends (the server's per-call limit) or breaks (a
/// gateway going away) before every job of its slice was seen is opened again with the ids not yet seen, so none is
/// missed or repeated; a stream that breaks again and again without a new line is given up, after a backoff
/// (Polly), as unreachable.
/// </summary>
internal static class CompletionStream
{
    /// <summary>What the stream may take before its headers: it sends them at once, so this is only a bound.</summary>
    private static readonly TimeSpan HeadersHold = TimeSpan.FromSeconds(30);

    /// <summary>A stream that ends cleanly sooner than this with nothing new did not reach a per-call limit: it closed early.</summary>
    private static readonly TimeSpan QuickEnd = TimeSpan.FromSeconds(1);

    private static readonly ResiliencePipeline Reopening = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<StreamBrokeException>(),
            MaxRetryAttempts = 4,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(100),
        })
        .Build();

    /// <summary>
    /// Writes each of <paramref name="futures"/> to <paramref name="finished"/> once its job has ended (a call of a
    /// future group: once its group's reader saw it end), with its final status kept; completes the writer when all
    /// have (or with the error that stopped it).
    /// </summary>
    public static async Task FollowAsync<TFuture>(IReadOnlyList<TFuture> futures, ChannelWriter<TFuture> finished, CancellationToken cancellationToken)
        where TFuture : ComputeFuture
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            var jobs = JobSlice<TFuture>.Of(futures.Where(f => f.Group is null)).Select(slice => FollowSliceAsync(slice, finished, stop));
            var calls = futures.Where(f => f.Group is not null).Select(async call =>
            {
                await call.WhenFinished().WaitAsync(stop.Token).ConfigureAwait(false);
                await finished.WriteAsync(call, stop.Token).ConfigureAwait(false);
            });
            await Task.WhenAll(jobs.Concat(calls)).ConfigureAwait(false);
            finished.TryComplete();
        }
        catch (Exception exception)
        {
            finished.TryComplete(exception);
        }
    }

    /// <summary>
    /// Calls <paramref name="finished"/> once per job of <paramref name="ids"/> with its final status, reading the
    /// HTTP completions stream and opening it again (with the ids not yet seen) when it ends or breaks.
    /// </summary>
    public static async Task FollowAsync(Gateways gateways, IReadOnlyCollection<string> ids, Func<JobStatus, ValueTask> finished, CancellationToken cancellationToken)
    {
        var unseen = new HashSet<string>(ids, StringComparer.Ordinal);
        try
        {
            while (unseen.Count > 0)
            {
                // Each round may break a few times without progress (retried with backoff); progress starts a new round.
                await Reopening.ExecuteAsync(token => ReadOnceAsync(gateways, unseen, finished, token), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (StreamBrokeException broke)
        {
            throw broke.Unreachable();
        }
    }

    private static async Task FollowSliceAsync<TFuture>(JobSlice<TFuture> slice, ChannelWriter<TFuture> finished, CancellationTokenSource stop)
        where TFuture : ComputeFuture
    {
        try
        {
            await slice.Client.Transport.FollowAsync(
                slice.Ids,
                async status =>
                {
                    foreach (var future in slice.Observe(status))
                    {
                        await finished.WriteAsync(future, stop.Token).ConfigureAwait(false);
                    }
                },
                stop.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            // One slice failing fails the whole wait: stop the others.
            await stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Reads one stream until it ends.</summary>
    /// <exception cref="StreamBrokeException">It broke, or closed at once, without bringing anything new.</exception>
    private static async ValueTask ReadOnceAsync(Gateways gateways, HashSet<string> unseen, Func<JobStatus, ValueTask> finished, CancellationToken cancellationToken)
    {
        var before = unseen.Count;
        var time = gateways.Time;
        var started = time.GetTimestamp();
        try
        {
            using var response = await gateways.SendAsync(
                () =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "api/jobs/completions") { Content = JsonContent.Create(new CompletionsRequest([.. unseen]), ClientJson.Info<CompletionsRequest>()) };
                    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));
                    request.Options.Set(GatewayResilience.ServerHold, HeadersHold);
                    return request;
                },
                HttpCompletionOption.ResponseHeadersRead,
                cancellationToken).ConfigureAwait(false);
            await Gateways.EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                using var reader = new StreamReader(body);
                while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
                {
                    if (line.Length > 0 && JsonSerializer.Deserialize(line, ClientJson.Info<JobStatus>()) is { IsFinished: true } status && unseen.Remove(status.Id))
                    {
                        await finished(status).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException or JsonException or ComputeUnreachableException && !cancellationToken.IsCancellationRequested)
        {
            // A cut line reads as bad JSON; a gateway that went away as an I/O error or no gateway at all.
            if (unseen.Count == before)
            {
                throw new StreamBrokeException(unseen.Count, exception);
            }

            return;
        }

        // A clean end is the server's per-call limit, and then it is asked again; one that comes at once with nothing
        // new is a gateway closing early, and counts as a break, so that a misbehaving one is not asked in a tight loop.
        if (unseen.Count == before && unseen.Count > 0 && time.GetElapsedTime(started) < QuickEnd)
        {
            throw new StreamBrokeException(unseen.Count, null);
        }
    }

    /// <summary>A completions stream broke (or ended) without bringing a new status.</summary>
    private sealed class StreamBrokeException(int unseen, Exception? cause)
        : Exception($"the completions stream broke before {unseen} jobs finished: {cause?.Message ?? "it ended early"}", cause)
    {
        public Exception Unreachable() => InnerException as ComputeUnreachableException ?? new ComputeUnreachableException(Message, this);
    }
}
