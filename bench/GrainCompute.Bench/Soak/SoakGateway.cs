using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GrainCompute.Bench.Cluster;

namespace GrainCompute.Bench.Soak;

/// <summary>
/// The cluster's HTTP API as a client that outlives silos: a call whose silo died (refused, reset, 5xx, no answer) is
/// made again on another running silo, as a client behind a load balancer would see it. Submits carry their own id,
/// so a submit retried after a lost answer finds the job it made instead of making a second one.
/// </summary>
internal sealed class SoakGateway(SiloFleet fleet) : IDisposable
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(40);
    private readonly HttpClient _http = new() { Timeout = CallTimeout };
    private int _next;
    private long _retries;

    /// <summary>Calls made again on another silo after a silo failed to answer.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>POST /api/jobs (accepted, or already there under this id); its results stay readable <paramref name="retention"/> after it ends.</summary>
    public Task<JsonElement> SubmitAsync(string id, SoakJob job, TimeSpan retention, TimeSpan patience) =>
        CallAsync(HttpMethod.Post, "/api/jobs", JsonSerializer.Serialize(new
        {
            id,
            kernel = job.Kernel,
            parameters = JsonDocument.Parse(job.ParametersJson).RootElement,
            chunkSize = job.ChunkSize,
            options = new { retentionSeconds = retention.TotalSeconds },
        }), patience);

    /// <summary>The job's status once it finished (long polls of at most 10 s each).</summary>
    public async Task<JsonElement> FinishedAsync(string id, TimeSpan patience)
    {
        var deadline = DateTimeOffset.UtcNow + patience;
        while (true)
        {
            var outcome = await CallAsync(HttpMethod.Post, $"/api/jobs/{id}/wait", """{"timeoutSeconds":10}""", deadline - DateTimeOffset.UtcNow);
            var status = outcome.GetProperty("status");
            if (status.GetProperty("state").GetString() is "completed" or "failed" or "cancelled")
            {
                return status;
            }
        }
    }

    public Task<JsonElement> ResultAsync(string id, TimeSpan patience) => CallAsync(HttpMethod.Get, $"/api/jobs/{id}/result", null, patience);

    public Task<JsonElement> ResultsPageAsync(string id, long offset, TimeSpan patience) =>
        CallAsync(HttpMethod.Get, $"/api/jobs/{id}/results?order=completion&offset={offset}&limit=1000", null, patience);

    public void Dispose() => _http.Dispose();

    private async Task<JsonElement> CallAsync(HttpMethod method, string path, string? body, TimeSpan patience)
    {
        var deadline = DateTimeOffset.UtcNow + patience;
        while (true)
        {
            var silo = Pick();
            string? why;
            try
            {
                using var request = new HttpRequestMessage(method, new Uri(silo, path));
                if (body is not null)
                {
                    request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                }

                using var response = await _http.SendAsync(request);
                if (response.IsSuccessStatusCode)
                {
                    return await response.Content.ReadFromJsonAsync<JsonElement>();
                }

                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode is not (HttpStatusCode.ServiceUnavailable or HttpStatusCode.InternalServerError or HttpStatusCode.GatewayTimeout or HttpStatusCode.TooManyRequests))
                {
                    throw new SoakCallException($"{method} {path} answered {(int)response.StatusCode}: {text}");
                }

                why = $"{(int)response.StatusCode}: {text}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
            {
                why = e.Message;
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new SoakCallException($"{method} {path}: no silo answered within {patience.TotalSeconds:0} s; last: {why}");
            }

            Interlocked.Increment(ref _retries);
            Interlocked.Increment(ref _next);
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    private Uri Pick()
    {
        var running = fleet.Running.ToList();
        return running.Count == 0 ? fleet.Silos[0].Api : running[(int)((uint)Volatile.Read(ref _next) % running.Count)].Api;
    }
}

/// <summary>A call the soak counts against the cluster: an answer that is wrong, or no answer in time.</summary>
internal sealed class SoakCallException(string message) : Exception(message);
