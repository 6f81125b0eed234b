using System.Globalization;
using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace GrainCompute.Client.Transport;

/// <summary>
/// The resilience pipeline of one gateway's requests (Microsoft.Extensions.Http.Resilience over Polly), outermost first:
/// <list type="number">
/// <item><b>Retry</b> 429 (a cluster limit) and 503 (cluster unavailable), and nothing else: after the server's
/// Retry-After (seconds or an HTTP date) or else exponential backoff with jitter, for at most
/// <see cref="ComputeClientOptions.RetryBudget"/> since the first attempt; a Retry-After that would end past the budget
/// gives up at once. Safe because every call is idempotent (submits carry a client-chosen id). A 4xx is the caller's
/// error, and a gateway that does not answer is for <see cref="Gateways"/> to fail over from.</item>
/// <item><b>Circuit breaker</b>, one per gateway: when most recent requests found no gateway there (no connection, no
/// answer in time), the next ones fail at once for a while and <see cref="Gateways"/> goes straight to another.
/// A busy cluster (429/503) is not a dead gateway, so answers never count.</item>
/// <item><b>Attempt timeout</b>: <see cref="ComputeClientOptions.RequestTimeout"/>, plus what a long poll asked the
/// server to hold it (<see cref="ServerHold"/>).</item>
/// </list>
/// </summary>
internal static class GatewayResilience
{
    /// <summary>When the first attempt of this request started (a TimeProvider timestamp); the retry budget counts from it.</summary>
    public static readonly HttpRequestOptionsKey<long> FirstAttempt = new("GrainCompute.FirstAttempt");

    /// <summary>How long the server was asked to hold this request before answering (a long poll or a stream's headers).</summary>
    public static readonly HttpRequestOptionsKey<TimeSpan> ServerHold = new("GrainCompute.ServerHold");

    /// <summary>Set when the retry gave up on a 429/503 answer: why, for the exception's message.</summary>
    public static readonly HttpRequestOptionsKey<string> GaveUp = new("GrainCompute.GaveUp");

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestBackoff = TimeSpan.FromSeconds(5);

    public static ResiliencePipeline<HttpResponseMessage> Build(ComputeClientOptions options) =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = options.TimeProvider }
            .AddRetry(new HttpRetryStrategyOptions
            {
                ShouldRetryAfterHeader = false, // read below with the client's clock, so an HTTP date is measured against it
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, args.AttemptNumber, options)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? RetryAfter(response, options.TimeProvider) : null),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = FirstBackoff,
                MaxDelay = LongestBackoff,
                MaxRetryAttempts = int.MaxValue,
            })
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(IsGatewayFailure(args.Outcome, args.Context)),
                FailureRatio = 0.5,
                MinimumThroughput = 10,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(5),
            })
            .AddTimeout(new HttpTimeoutStrategyOptions
            {
                Timeout = options.RequestTimeout,
                TimeoutGenerator = args => ValueTask.FromResult(
                    args.Context.GetRequestMessage() is { } request && request.Options.TryGetValue(ServerHold, out var hold) ? options.RequestTimeout + hold : options.RequestTimeout),
            })
            .Build();

    /// <summary>The wait a 429/503 answer asks for: Retry-After as seconds, or as an HTTP date measured on <paramref name="time"/>; null without one.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta > TimeSpan.Zero ? delta : TimeSpan.Zero,
        { Date: { } date } => date > time.GetUtcNow() ? date - time.GetUtcNow() : TimeSpan.Zero,
        _ => null,
    };

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, int attempt, ComputeClientOptions options)
    {
        if (outcome.Result is not { StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable } response
            || context.GetRequestMessage() is not { } request)
        {
            return false;
        }

        var time = options.TimeProvider;
        var elapsed = request.Options.TryGetValue(FirstAttempt, out var started) ? time.GetElapsedTime(started) : TimeSpan.Zero;
        var asked = RetryAfter(response, time);
        if (options.RetryBudget > TimeSpan.Zero && elapsed + (asked ?? TimeSpan.Zero) <= options.RetryBudget)
        {
            return true;
        }

        var budget = Seconds(options.RetryBudget);
        request.Options.Set(GaveUp, asked is { } wait && elapsed + wait > options.RetryBudget && elapsed < options.RetryBudget
            ? $"not retried: the server asked to retry after {Seconds(wait)} s, past the retry budget (ComputeClientOptions.RetryBudget: {budget} s)"
            : $"gave up after {attempt + 1} attempts in {Seconds(elapsed)} s (ComputeClientOptions.RetryBudget: {budget} s)");
        return false;
    }

    /// <summary>An attempt that reached no gateway: no connection, or no answer within the attempt timeout. The caller's own cancellation is not one.</summary>
    private static bool IsGatewayFailure(Outcome<HttpResponseMessage> outcome, ResilienceContext context) => outcome.Exception switch
    {
        HttpRequestException { StatusCode: null } => true,
        TimeoutRejectedException => true,
        OperationCanceledException => !context.CancellationToken.IsCancellationRequested,
        _ => false,
    };

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
}
