using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace GrainCompute.Client.Tests.Transport;

/// <summary>
/// An HttpMessageHandler standing in for the gateways: answers each request with <c>answer(request, n)</c> (n counts
/// from 0 over all requests) and records what it was sent and when, on the fake clock. Beneath the client's own
/// resilience handler, so retries, backoff and failover run as they do against a real gateway.
/// </summary>
internal sealed class FakeGateway(Func<FakeGateway.Received, int, Task<HttpResponseMessage>> answer) : HttpMessageHandler
{
    private readonly Lock _gate = new();

    // Guarded by _gate: every request so far, in arrival order.
    private readonly List<Received> _received = [];

    // Guarded by _gate: completed when the request count reaches the key.
    private readonly Dictionary<int, TaskCompletionSource> _counts = [];

    public FakeGateway(Func<Received, int, HttpResponseMessage> answer)
        : this((request, n) => Task.FromResult(answer(request, n)))
    {
    }

    /// <summary>Where the fake clock starts: a whole second, as HTTP dates are.</summary>
    public static DateTimeOffset Start { get; } = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; } = new(Start);

    public IReadOnlyList<Received> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    public static Uri Address { get; } = new("http://gateway-a:8080/");

    public static Uri SecondAddress { get; } = new("http://gateway-b:8080/");

    /// <summary>A client over this fake (no request until used).</summary>
    public ComputeClient Client(TimeSpan? retryBudget = null, params Uri[] gateways) => ComputeClient.Create(
        gateways.Length == 0 ? [Address] : gateways,
        new ComputeClientOptions { TimeProvider = Time, RetryBudget = retryBudget ?? TimeSpan.FromMinutes(2) },
        this);

    /// <summary>Completes once <paramref name="count"/> requests have come, or fails the test after a few seconds of real time.</summary>
    public Task RequestsAsync(int count)
    {
        lock (_gate)
        {
            if (_received.Count >= count)
            {
                return Task.CompletedTask;
            }

            if (!_counts.TryGetValue(count, out var arrived))
            {
                _counts[count] = arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return arrived.Task.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(
                t => Assert.True(t.IsCompletedSuccessfully, $"expected {count} requests within 10 s; got {Requests.Count}: {string.Join(", ", Requests.Select(r => r.Path))}"),
                TaskScheduler.Default);
        }
    }

    /// <summary>Moves the fake clock on in small steps until <paramref name="until"/> completes, as the client's timers need; fails after <paramref name="most"/> of fake time.</summary>
    public async Task RunClockAsync(Task until, TimeSpan most, TimeSpan? step = null)
    {
        var moved = TimeSpan.Zero;
        while (!until.IsCompleted)
        {
            // Real time for the client to take its next step (register its delay) before the clock moves past it.
            await Task.WhenAny(until, Task.Delay(5));
            if (until.IsCompleted)
            {
                break;
            }

            Assert.True(moved <= most, $"still waiting after {most} of fake time; requests: {string.Join(", ", Requests.Select(r => $"{r.Path} at {r.At:HH:mm:ss.fff}"))}");
            Time.Advance(step ?? TimeSpan.FromMilliseconds(100));
            moved += step ?? TimeSpan.FromMilliseconds(100);
        }
    }

    public static HttpResponseMessage Json(HttpStatusCode status, object body) =>
        new(status) { Content = new StringContent(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), Encoding.UTF8, "application/json") };

    public static HttpResponseMessage Problem(HttpStatusCode status, string title, string detail, Dictionary<string, string[]>? errors = null)
    {
        var response = Json(status, new { type = "about:blank", title, status = (int)status, detail, errors });
        response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/problem+json");
        return response;
    }

    /// <summary>A JobStatus as the API writes it.</summary>
    public static object Status(string id, string state = "waiting", string? resultJson = null, string? error = null) => new
    {
        id,
        kernel = "noop",
        state,
        items = 1,
        chunks = 1,
        chunksDone = state == "completed" ? 1 : 0,
        chunksFailed = state == "failed" ? 1 : 0,
        chunksCancelled = 0,
        chunksRunning = 0,
        itemsDone = state == "completed" ? 1 : 0,
        submitted = DateTimeOffset.UnixEpoch,
        resultJson,
        resultTooLargeForStatus = false,
        error,
    };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var received = new Received(request.Method, request.RequestUri!, body, Time.GetUtcNow());
        int n;
        lock (_gate)
        {
            n = _received.Count;
            _received.Add(received);
            foreach (var (count, arrived) in _counts)
            {
                if (_received.Count >= count)
                {
                    arrived.TrySetResult();
                }
            }
        }

        var response = await answer(received, n).WaitAsync(cancellationToken);
        response.RequestMessage = request;
        return response;
    }

    /// <summary>One request as the fake gateway received it.</summary>
    public sealed record Received(HttpMethod Method, Uri Uri, string? Body, DateTimeOffset At)
    {
        public string Path => Uri.AbsolutePath;

        public JsonElement Json => JsonDocument.Parse(Body ?? "null").RootElement;
    }
}
