using System.Net.Http.Json;

namespace GrainCompute.Service.Tests.Security;

/// <summary>What the TLS tests ask of a cluster through its HTTP API: its active silos, and a small job with a known answer.</summary>
internal static class TlsClusterJobs
{
    public static async Task<int> ActiveSilosAsync(HttpClient http)
    {
        var cluster = await http.GetFromJsonAsync<JsonElement>("/api/cluster");
        return cluster.GetProperty("silos").EnumerateArray().Count(s => s.GetProperty("status").GetString() == "active");
    }

    /// <summary>Runs four slowinc calls, one chunk each, checks the job completed, and returns the silos its chunks ran on.</summary>
    public static async Task<IReadOnlyList<string>> RunSmallJobAsync(HttpClient http)
    {
        var id = $"tls-{Guid.NewGuid():N}"[..16];
        using (var submit = await http.PostAsJsonAsync("/api/jobs", new { kernel = "slowinc", id, parameters = new { count = 4, delay = 0.3 }, chunkSize = 1 }))
        {
            Assert.Equal(HttpStatusCode.Accepted, submit.StatusCode);
        }

        using var wait = await http.PostAsJsonAsync($"/api/jobs/{id}/wait", new { returnWhen = "allCompleted", timeoutSeconds = 60 });
        var outcome = await SiloProcess.ReadAsync(wait, HttpStatusCode.OK);
        Assert.Equal("completed", outcome.GetProperty("status").GetProperty("state").GetString());
        var chunks = await http.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}/chunks");
        return [.. chunks.EnumerateArray().Select(c => c.GetProperty("silo").GetString()!).Distinct()];
    }
}
