using System.Net.Http.Json;

namespace GrainCompute.Service.Tests.Cluster;

/// <summary>
/// The tuned failure detection (declared dead within 10 s) must not suspect a silo that is merely busy: three silo
/// processes on two cores, each with more worker slots than the machine has cores, run a CPU-bound job for seconds.
/// </summary>
public sealed class FailureDetectionUnderLoadTests
{
    [Fact]
    public async Task Silos_saturating_every_core_are_never_suspected()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var silos = new SiloProcesses(database.ConnectionString);
        for (var i = 0; i < 3; i++)
        {
            await silos.StartAsync("--Silo:WorkerSlots=3");
        }

        using var http = new HttpClient { BaseAddress = silos.Gateways[0] };
        var id = $"load-{Guid.NewGuid():N}"[..20];
        using (var submit = await http.PostAsJsonAsync("/api/jobs", new { kernel = "countprimes", id, parameters = new { n = 3_000_000_000L }, chunkSize = 40 }))
        {
            Assert.Equal(HttpStatusCode.Accepted, submit.StatusCode);
        }

        var lowestActive = 3;
        JsonElement status = default;
        await Wait.UntilAsync(async () =>
        {
            var cluster = await http.GetFromJsonAsync<JsonElement>("/api/cluster");
            lowestActive = Math.Min(lowestActive, cluster.GetProperty("silos").EnumerateArray().Count(s => s.GetProperty("status").GetString() == "active"));
            status = await http.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}");
            return status.GetProperty("isFinished").GetBoolean();
        }, "the CPU-bound job finishes", TimeSpan.FromSeconds(120));

        Assert.Equal("completed", status.GetProperty("state").GetString());
        Assert.Equal(3, lowestActive);
        Assert.Equal(0, await database.SuspicionVotesAsync(silos.ClusterId));
        Assert.Equal(3, status.GetProperty("silos").GetArrayLength());
    }
}
