using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace GrainCompute.Client.Transport;

/// <summary>
/// The HTTP connection to the cluster's gateways (any silo serves the API). A request that reaches no gateway (no
/// connection, no answer in time, its circuit open) goes to the next one; the one that answered becomes the first
/// choice. Each gateway's requests go through <see cref="GatewayResilience"/>: 429 and 503 are retried there, within
/// a time budget. Retrying, on the same gateway or another, is safe because every call is idempotent: reads, waits,
/// cancels, and submits carrying a client-chosen job id.
/// </summary>
internal sealed class Gateways : IDisposable
{
    /// <summary>Connections to one gateway at most; see the handler below.</summary>
    internal const int MaxConnectionsPerGateway = 256;

    private readonly HttpClient _http;
    private readonly Uri[] _addresses;
    private readonly TimeProvider _time;

    // Index into _addresses of the gateway that answered last; any thread may move it, so it is read and written atomically.
    private int _current;

    public Gateways(IReadOnlyList<Uri> addresses, ComputeClientOptions options, HttpMessageHandler? primary = null)
    {
        if (addresses.Count == 0)
        {
            throw new ArgumentException("at least one gateway address is needed", nameof(addresses));
        }

        _addresses = [.. addresses.Select(a => a.AbsoluteUri.EndsWith('/') ? a : new Uri(a.AbsoluteUri + "/"))];
        _time = options.TimeProvider;

        // One pipeline per gateway, so that each has its own circuit breaker.
        var pipelines = _addresses.Select(a => a.GetLeftPart(UriPartial.Authority)).Distinct(StringComparer.OrdinalIgnoreCase)
            .ToDictionary(authority => authority, _ => GatewayResilience.Build(options), StringComparer.OrdinalIgnoreCase);
#pragma warning disable CA2000 // the HttpClient owns and disposes the handlers
        var resilience = new ResilienceHandler(request => pipelines[request.RequestUri!.GetLeftPart(UriPartial.Authority)])
        {
            // Capped connections: a program that submits 20,000 futures at once, one request each, otherwise opens 20,000
            // sockets and dies at the open-file limit; beyond the cap requests wait for a connection (waits are ≤ 30 s).
            InnerHandler = primary ?? new SocketsHttpHandler { ConnectTimeout = options.ConnectTimeout, PooledConnectionLifetime = TimeSpan.FromMinutes(5), MaxConnectionsPerServer = MaxConnectionsPerGateway },
        };
#pragma warning restore CA2000
        _http = new HttpClient(resilience, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            _http.DefaultRequestHeaders.Add("X-Api-Key", options.ApiKey);
        }

        if (!string.IsNullOrEmpty(options.ClientName))
        {
            _http.DefaultRequestHeaders.Add("X-GrainCompute-Client", options.ClientName);
        }

        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    public IReadOnlyList<Uri> Addresses => _addresses;

    public Uri Current => _addresses[Volatile.Read(ref _current)];

    public TimeProvider Time => _time;

    public async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Posts <paramref name="body"/> as JSON; <paramref name="serverHold"/> is how long the server may hold the answer (a long poll), added to the attempt timeout.</summary>
    public async Task<T> PostAsync<T>(string path, object? body, CancellationToken cancellationToken, TimeSpan? serverHold = null)
    {
        using var response = await SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body, ClientJson.Options.GetTypeInfo(body.GetType())) };
                if (serverHold is { } hold)
                {
                    request.Options.Set(GatewayResilience.ServerHold, hold);
                }

                return request;
            },
            HttpCompletionOption.ResponseContentRead,
            cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends to the current gateway, failing over to the next when it cannot be reached; the caller owns the response.</summary>
    /// <exception cref="ComputeUnreachableException">No gateway could be reached.</exception>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> makeRequest, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        Exception? last = null;
        var first = Volatile.Read(ref _current);
        var started = _time.GetTimestamp();
        for (var attempt = 0; attempt < _addresses.Length; attempt++)
        {
            var index = (first + attempt) % _addresses.Length;
            using var request = makeRequest();
            request.RequestUri = new Uri(_addresses[index], request.RequestUri!.OriginalString.TrimStart('/'));
            request.Options.Set(GatewayResilience.FirstAttempt, started);
            try
            {
                var response = await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _current, index);
                return response;
            }
            catch (HttpRequestException exception) when (exception.StatusCode is null)
            {
                last = exception;
                failures.Add($"{_addresses[index]}: {exception.Message}");
            }
            catch (BrokenCircuitException exception)
            {
                last = exception;
                failures.Add($"{_addresses[index]}: skipped, most recent requests to it failed (circuit open{(exception.RetryAfter is { } after ? $" for {after.TotalSeconds:0.#} s more" : "")})");
            }
            catch (TimeoutRejectedException exception)
            {
                last = exception;
                failures.Add($"{_addresses[index]}: no answer within {exception.Timeout.TotalSeconds:0.#} s (ComputeClientOptions.RequestTimeout)");
            }
            catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
            {
                // SocketsHttpHandler.ConnectTimeout surfaces as a cancellation the caller did not ask for.
                last = exception;
                failures.Add($"{_addresses[index]}: no connection within the connect timeout");
            }
        }

        throw new ComputeUnreachableException(_addresses, failures, last);
    }

    /// <summary>Throws the answer's problem details as a <see cref="ComputeApiException"/> unless it succeeded; says so when the retry gave up on it.</summary>
    public static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        ProblemDetailsBody? problem = null;
        try
        {
            problem = await response.Content.ReadFromJsonAsync(ClientJson.Info<ProblemDetailsBody>(), cancellationToken).ConfigureAwait(false);
        }
        catch (System.Text.Json.JsonException)
        {
            // Not problem details (a proxy's HTML page): report the status alone.
        }

        var status = (int)response.StatusCode;
        var title = problem?.Title ?? response.ReasonPhrase ?? $"HTTP {status}";
        var detail = problem?.Detail;
        if (response.RequestMessage?.Options.TryGetValue(GatewayResilience.GaveUp, out var gaveUp) == true)
        {
            detail = $"{detail ?? title} — {gaveUp}";
        }

        throw new ComputeApiException(status, title, detail, problem?.Errors);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync(ClientJson.Info<T>(), cancellationToken).ConfigureAwait(false)
            ?? throw new ComputeApiException((int)response.StatusCode, "Empty response", $"{response.RequestMessage?.RequestUri} answered with no body");
    }

    public void Dispose() => _http.Dispose();
}
