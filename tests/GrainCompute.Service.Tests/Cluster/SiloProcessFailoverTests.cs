using System.Diagnostics;
using System.Net.Http.Json;
using Xunit.Abstractions;

namespace GrainCompute.Service.Tests.Cluster;

/// <summary>Three silo processes on PostgreSQL membership; the one holding a running job's grain is killed with SIGKILL.</summary>
public sealed class SiloProcessFailoverTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Kill_9_of_the_silo_holding_the_job_at_half_way_still_gives_the_exact_result()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var silos = new SiloProcesses(database.ConnectionString);
        for (var i = 0; i < 3; i++)
        {
            await silos.StartAsync();
        }

        using var http = new HttpClient { BaseAddress = silos.Gateways[0] };
        await Wait.UntilAsync(async () => (await ActiveSilosAsync(http)) == 3, "all three silos are active", TimeSpan.FromSeconds(20));
        var id = $"pi-2e9-{Guid.NewGuid():N}"[..20];
        using (var submit = await http.PostAsJsonAsync("/api/jobs", new { kernel = "countprimes", id, parameters = new { n = 2_000_000_000 }, chunkSize = 65 }))
        {
            Assert.Equal(HttpStatusCode.Accepted, submit.StatusCode);
        }

        JsonElement status = default;
        await Wait.UntilAsync(async () =>
        {
            status = await http.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}");
            return status.GetProperty("chunksDone").GetInt32() * 2 >= status.GetProperty("chunks").GetInt32();
        }, "half of the chunks are done", TimeSpan.FromSeconds(60));

        var holder = status.GetProperty("heldBy").GetString()!;
        var survivor = silos.Gateways.First(g => !HoldsAsync(g, holder).Result);
        var clock = Stopwatch.StartNew();
        await silos.KillAsync(holder);
        using var client = new HttpClient { BaseAddress = survivor };
        await Wait.UntilAsync(async () => (await ActiveSilosAsync(client)) == 2, "the killed silo is declared dead", TimeSpan.FromSeconds(15));
        var detected = clock.Elapsed;
        await Wait.UntilAsync(async () =>
        {
            using var response = await client.GetAsync($"/api/jobs/{id}");
            status = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
            return response.IsSuccessStatusCode && status.GetProperty("isFinished").GetBoolean();
        }, "the job finishes on the survivors", TimeSpan.FromSeconds(90));
        var recovered = clock.Elapsed;

        output.WriteLine($"kill -9 at {status.GetProperty("chunks").GetInt32()} chunks: declared dead after {detected.TotalSeconds:0.0} s, job completed {recovered.TotalSeconds:0.0} s after the kill");
        Assert.True(detected <= TimeSpan.FromSeconds(10), $"the killed silo was declared dead after {detected.TotalSeconds:0.0} s; the tuned failure detection promises 10 s");
        Assert.Equal("completed", status.GetProperty("state").GetString());
        Assert.Equal("98222287", status.GetProperty("resultJson").GetString());
        Assert.NotEqual(holder, status.GetProperty("heldBy").GetString());
        var results = await client.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}/results?order=completion&limit=100000");
        var indices = results.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("index").GetInt64()).ToList();
        Assert.Equal(indices.Count, indices.Distinct().Count());
        Assert.Equal(status.GetProperty("items").GetInt64(), indices.Count);
    }

    private static async Task<int> ActiveSilosAsync(HttpClient http)
    {
        try
        {
            var cluster = await http.GetFromJsonAsync<JsonElement>("/api/cluster");
            return cluster.GetProperty("silos").EnumerateArray().Count(s => s.GetProperty("status").GetString() == "active");
        }
        catch (HttpRequestException)
        {
            return -1;
        }
    }

    private static async Task<bool> HoldsAsync(Uri gateway, string silo)
    {
        using var http = new HttpClient { BaseAddress = gateway };
        return (await http.GetFromJsonAsync<JsonElement>("/health/ready")).GetProperty("silo").GetString() == silo;
    }
}
