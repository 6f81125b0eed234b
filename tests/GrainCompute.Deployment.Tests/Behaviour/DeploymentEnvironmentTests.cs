using System.Diagnostics;
using System.Net.Http.Json;
using GrainCompute.Deployment.Tests.Manifests;
using Xunit.Abstractions;

namespace GrainCompute.Deployment.Tests.Behaviour;

/// <summary>
/// What the manifests rely on, with real silo processes given only the Deployment's environment: a pod joins
/// the cluster under its pod name and IP; a pod sent SIGTERM (what a rolling update or scale-down does) drains,
/// leaves and exits 0 without losing a chunk of a running job.
/// </summary>
public sealed class DeploymentEnvironmentTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public async Task A_silo_given_only_the_deployments_environment_joins_under_its_pod_name_and_ip(string target)
    {
        var rendered = await Kustomize.RenderAsync(target);
        await using var database = await TestDatabase.CreateAsync();
        await using var silo = await DeployedSilo.StartAsync(rendered, "graincompute-silo-7d4f9c-x2x7q", database.ConnectionString);

        var cluster = await silo.ClusterAsync();
        var me = cluster.GetProperty("silos").EnumerateArray().Single();

        Assert.Equal(silo.Environment["GRAINCOMPUTE__SILO__CLUSTERID"], cluster.GetProperty("clusterId").GetString());
        Assert.Equal("graincompute-silo-7d4f9c-x2x7q", me.GetProperty("name").GetString());
        Assert.Equal("active", me.GetProperty("status").GetString());
        Assert.StartsWith("S127.0.0.1:", me.GetProperty("address").GetString(), StringComparison.Ordinal); // Orleans' SiloAddress: S<ip>:<port>:<generation>
        Assert.Equal(silo.Api.ToString().TrimEnd('/'), me.GetProperty("gatewayUrl").GetString());
        Assert.Equal(int.Parse(silo.Environment["GRAINCOMPUTE__SILO__WORKERSLOTS"], System.Globalization.CultureInfo.InvariantCulture), me.GetProperty("workerSlots").GetInt32());
    }

    [Fact]
    public async Task A_silo_sent_SIGTERM_mid_job_drains_leaves_dead_and_exits_0_without_losing_a_chunk()
    {
        var rendered = await Kustomize.RenderAsync("overlays/dev");
        await using var database = await TestDatabase.CreateAsync();
        await using var first = await DeployedSilo.StartAsync(rendered, "graincompute-silo-aaaaa-11111", database.ConnectionString);
        await using var second = await DeployedSilo.StartAsync(rendered, "graincompute-silo-bbbbb-22222", database.ConnectionString);
        await Wait.UntilAsync(async () => ActiveNames(await first.ClusterAsync()).Count == 2, "both silos are active", TimeSpan.FromSeconds(20));

        // slowadd: each call waits (holding no thread), so chunks are certainly in flight when SIGTERM comes.
        var id = $"rollout-{Guid.NewGuid():N}"[..20];
        using (var submit = await first.Http.PostAsJsonAsync("/api/jobs", new { kernel = "slowadd", id, parameters = new { a = 1, b = 2, delay = 2.5, count = 40 }, chunkSize = 2 }))
        {
            Assert.Equal(HttpStatusCode.Accepted, submit.StatusCode);
        }

        // Terminate the silo holding the job grain once it also runs chunks: the harder case, as its grain must
        // resume on the other silo while its own chunks finish.
        var holderAddress = (await first.Http.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}")).GetProperty("heldBy").GetString();
        var (leaving, staying) = await AddressOfAsync(first) == holderAddress ? (first, second) : (second, first);
        await Wait.UntilAsync(
            async () => (await first.Http.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}")).GetProperty("chunksRunning").GetInt32() > 0,
            "chunks are running", TimeSpan.FromSeconds(30));

        var terminatedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        leaving.Terminate();
        var exitCode = await leaving.WaitForExitAsync(TimeSpan.FromSeconds(40));
        var exited = clock.Elapsed;

        JsonElement status = default;
        await Wait.UntilAsync(async () =>
        {
            using var response = await staying.Http.GetAsync($"/api/jobs/{id}");
            status = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
            return response.IsSuccessStatusCode && status.GetProperty("isFinished").GetBoolean();
        }, "the job finishes on the remaining silo", TimeSpan.FromSeconds(60));
        var chunks = await staying.Http.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}/chunks");
        var results = await staying.Http.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}/results?order=completion&limit=100000");
        var indices = results.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("index").GetInt64()).ToList();
        var drained = chunks.EnumerateArray().Count(c => c.GetProperty("silo").GetString() == holderAddress && c.GetProperty("ended").GetDateTimeOffset() > terminatedAt);
        output.WriteLine($"{drained} chunks finished on the leaving silo after its SIGTERM; SIGTERM to exit: {exited.TotalSeconds:0.0} s; job done {clock.Elapsed.TotalSeconds:0.0} s after SIGTERM; chunk attempts: {string.Join(",", chunks.EnumerateArray().Select(c => c.GetProperty("attempts").GetInt32()))}");

        Assert.True(exitCode == 0, $"the terminated silo exited {exitCode}:\n{leaving.Output}");
        Assert.Equal("completed", status.GetProperty("state").GetString());
        Assert.Equal("120", status.GetProperty("resultJson").GetString());
        Assert.Equal(0, status.GetProperty("chunksFailed").GetInt32());
        Assert.True(drained > 0, "no chunk finished on the leaving silo after SIGTERM: it did not drain in-flight work");
        Assert.All(chunks.EnumerateArray(), c => Assert.Equal(1, c.GetProperty("attempts").GetInt32()));
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i), indices.Order());
        Assert.Equal((int)Orleans.Runtime.SiloStatus.Dead, await database.SiloStatusAsync(leaving.Environment["GRAINCOMPUTE__SILO__CLUSTERID"], leaving.Name)); // Orleans' SiloStatus.Dead
        Assert.Equal([staying.Name], ActiveNames(await staying.ClusterAsync()));
    }

    private static List<string> ActiveNames(JsonElement cluster) =>
        [.. cluster.GetProperty("silos").EnumerateArray().Where(s => s.GetProperty("status").GetString() == "active").Select(s => s.GetProperty("name").GetString()!)];

    private static async Task<string?> AddressOfAsync(DeployedSilo silo) =>
        (await silo.Http.GetFromJsonAsync<JsonElement>("/health/ready")).GetProperty("silo").GetString();
}
