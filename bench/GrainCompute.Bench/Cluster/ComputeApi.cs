using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace GrainCompute.Bench.Cluster;

/// <summary>The silo's HTTP API, as much of it as the cluster benchmark uses.</summary>
internal sealed class ComputeApi(Uri gateway) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = gateway, Timeout = TimeSpan.FromMinutes(5) };

    public Uri Gateway => gateway;

    /// <summary>POST /api/jobs; <paramref name="options"/> is the request's <c>options</c> member (error handling, retention).</summary>
    public async Task SubmitAsync(string kernel, string id, object parameters, int? chunkSize, object? options = null)
    {
        using var response = await _http.PostAsJsonAsync(new Uri("/api/jobs", UriKind.Relative), new { kernel, id, parameters, chunkSize, options });
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"POST /api/jobs ({kernel}) answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Long-polls POST /api/jobs/{id}/wait until the job is finished; returns its final status.</summary>
    public async Task<JobSnapshot> WaitAsync(string id, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            using var response = await _http.PostAsJsonAsync(new Uri($"/api/jobs/{id}/wait", UriKind.Relative), new { timeoutSeconds = 30 }, cancel.Token);
            response.EnsureSuccessStatusCode();
            var outcome = await response.Content.ReadFromJsonAsync<JsonElement>(cancel.Token);
            var status = JobSnapshot.From(outcome.GetProperty("status"));
            if (status.IsFinished)
            {
                return status;
            }
        }
    }

    /// <summary>GET /api/jobs/{id}, or null while the silo cannot answer (the job grain is moving, say).</summary>
    public async Task<JobSnapshot?> StatusAsync(string id)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri($"/api/jobs/{id}", UriKind.Relative));
            return response.IsSuccessStatusCode ? JobSnapshot.From(await response.Content.ReadFromJsonAsync<JsonElement>()) : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return null;
        }
    }

    /// <summary>SHA-256 of the job's PNG (GET /api/jobs/{id}/image), to compare images made by different clusters.</summary>
    public async Task<string> ImageSha256Async(string id)
    {
        var png = await _http.GetByteArrayAsync(new Uri($"/api/jobs/{id}/image", UriKind.Relative));
        return Convert.ToHexStringLower(SHA256.HashData(png));
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>What the benchmark reads from a job's status JSON.</summary>
internal sealed record JobSnapshot(
    string State,
    int Chunks,
    int ChunksDone,
    long Items,
    string? ResultJson,
    string HeldBy,
    double? ServerSeconds,
    IReadOnlyList<SiloShare> Silos)
{
    public bool IsFinished => State is "completed" or "failed" or "cancelled";

    public static JobSnapshot From(JsonElement status)
    {
        double? server = null;
        if (status.TryGetProperty("finished", out var finished) && finished.ValueKind == JsonValueKind.String)
        {
            server = (finished.GetDateTimeOffset() - status.GetProperty("submitted").GetDateTimeOffset()).TotalSeconds;
        }

        var silos = status.TryGetProperty("silos", out var shares) && shares.ValueKind == JsonValueKind.Array
            ? shares.EnumerateArray().Select(s => new SiloShare(s.GetProperty("silo").GetString() ?? "", s.GetProperty("chunks").GetInt32(), s.GetProperty("busySeconds").GetDouble())).ToList()
            : [];
        return new JobSnapshot(
            status.GetProperty("state").GetString() ?? "",
            status.GetProperty("chunks").GetInt32(),
            status.GetProperty("chunksDone").GetInt32(),
            status.GetProperty("items").GetInt64(),
            status.TryGetProperty("resultJson", out var result) && result.ValueKind == JsonValueKind.String ? result.GetString() : null,
            status.TryGetProperty("heldBy", out var heldBy) ? heldBy.GetString() ?? "" : "",
            server,
            silos);
    }
}

/// <summary>How many chunks one silo ran for a job, and for how long.</summary>
internal sealed record SiloShare(string Silo, int Chunks, double BusySeconds);
