using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace GrainCompute.Client.Transport;

/// <summary>
/// The HTTP connection to the cluster's gateways (any silo serves the API). A request that cannot connect goes
/// to the next gateway; the one that answered becomes the first choice. Retrying on another gateway is safe
/// because every call is idempotent: reads, waits, cancels, and submits carrying a client-chosen job id.
/// </summary>
internal sealed class Gateways : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri[] _addresses;

    // Index into _addresses of the gateway that answered last; any thread may move it, so it is read and written atomically.
    private int _current;

    public Gateways(IReadOnlyList<Uri> addresses, string? apiKey, TimeSpan connectTimeout)
    {
        if (addresses.Count == 0)
        {
            throw new ArgumentException("at least one gateway address is needed", nameof(addresses));
        }

        _addresses = [.. addresses.Select(a => a.AbsoluteUri.EndsWith('/') ? a : new Uri(a.AbsoluteUri + "/"))];
#pragma warning disable CA2000 // the HttpClient owns and disposes the handler
        var handler = new SocketsHttpHandler { ConnectTimeout = connectTimeout, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
#pragma warning restore CA2000
        _http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        if (!string.IsNullOrEmpty(apiKey))
        {
            _http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    public IReadOnlyList<Uri> Addresses => _addresses;

    public Uri Current => _addresses[Volatile.Read(ref _current)];

    public async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    public async Task<T> PostAsync<T>(string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: ClientJson.Options) },
            HttpCompletionOption.ResponseContentRead,
            cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends to the current gateway, failing over on connection errors; the caller owns the response.</summary>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> makeRequest, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        Exception? last = null;
        var first = Volatile.Read(ref _current);
        for (var attempt = 0; attempt < _addresses.Length; attempt++)
        {
            var index = (first + attempt) % _addresses.Length;
            using var request = makeRequest();
            request.RequestUri = new Uri(_addresses[index], request.RequestUri!.OriginalString.TrimStart('/'));
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
            catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
            {
                // SocketsHttpHandler.ConnectTimeout surfaces as a cancellation the caller did not ask for.
                last = exception;
                failures.Add($"{_addresses[index]}: no connection within the connect timeout");
            }
        }

        throw new ComputeUnreachableException(_addresses, failures, last);
    }

    public static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        ProblemDetailsBody? problem = null;
        try
        {
            problem = await response.Content.ReadFromJsonAsync<ProblemDetailsBody>(ClientJson.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (System.Text.Json.JsonException)
        {
            // Not problem details (a proxy's HTML page): report the status alone.
        }

        var status = (int)response.StatusCode;
        throw new ComputeApiException(status, problem?.Title ?? response.ReasonPhrase ?? $"HTTP {status}", problem?.Detail, problem?.Errors);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<T>(ClientJson.Options, cancellationToken).ConfigureAwait(false)
            ?? throw new ComputeApiException((int)response.StatusCode, "Empty response", $"{response.RequestMessage?.RequestUri} answered with no body");
    }

    public void Dispose() => _http.Dispose();
}
