using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace GrainCompute.Service.Tests.Telemetry;

/// <summary>
/// The Prometheus scrape endpoint of a real silo host, read the way Prometheus reads it. Alone (<see cref="TelemetryCollection"/>):
/// meter listeners are process-wide, so another test's silo in this process would add its jobs to these counts.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed partial class MetricsEndpointTests
{
    [Fact]
    public async Task Scraping_during_a_job_finds_the_orleans_aspnetcore_runtime_and_graincompute_series()
    {
        await using var silo = await SiloProcess.StartAsync("--Silo:WorkerSlots=1");
        var id = $"met-{Guid.NewGuid():N}"[..16];
        // 40 chunks on one worker slot: most of them wait while the first ones run.
        await silo.PostAsync("/api/jobs", new { kernel = "montecarlo-pi", id, parameters = new { samples = 400_000_000 }, chunkSize = 10 }, HttpStatusCode.Accepted);

        var during = await silo.Http.GetStringAsync("/metrics");
        using var wait = await silo.Http.PostAsJsonAsync($"/api/jobs/{id}/wait", new { timeoutSeconds = 60 });
        Assert.True((await SiloProcess.ReadAsync(wait, HttpStatusCode.OK)).GetProperty("satisfied").GetBoolean(), $"job {id} did not finish in 60 s");
        string after = "";
        await Wait.UntilAsync(async () =>
        {
            after = await silo.Http.GetStringAsync("/metrics");
            return Value(after, "graincompute_jobs_finished_total", "state=\"completed\"") == 1;
        }, "the scrape counts the job as completed", TimeSpan.FromSeconds(10), () => string.Join('\n', after.Split('\n').Where(l => l.StartsWith("graincompute_", StringComparison.Ordinal))));

        Assert.Equal(1, Value(during, "graincompute_jobs_submitted_total", "kernel=\"montecarlo-pi\""));
        Assert.True(Value(during, "graincompute_chunks_queued") > 0, "chunks wait for the one worker slot during the job");
        Assert.Contains("orleans_catalog_activations", during, StringComparison.Ordinal);
        Assert.Contains("orleans_app_requests_latency_milliseconds_bucket", during, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_bucket", during, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_collections_total", during, StringComparison.Ordinal);
        Assert.Equal(400, Value(after, "graincompute_items_processed_total", "kernel=\"montecarlo-pi\""));
        Assert.Equal(40, Value(after, "graincompute_chunk_duration_seconds_count", "outcome=\"completed\""));
        Assert.Equal(0, Value(after, "graincompute_chunks_queued"));
        Assert.Equal(0, Value(after, "graincompute_chunks_running"));
    }

    [Fact]
    public async Task With_an_api_key_the_scrape_needs_it_as_prometheus_sends_it()
    {
        await using var silo = await SiloProcess.StartAsync("--Api:ApiKey=s3cret");

        using var anonymous = await silo.Http.GetAsync("/metrics");
        using var bearer = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { { "Authorization", "Bearer s3cret" } } };
        using var scraped = await silo.Http.SendAsync(bearer);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Contains("graincompute_chunks_queued", await scraped.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_scrape_path_moves_or_goes_by_config()
    {
        await using var moved = await SiloProcess.StartAsync("--Telemetry:PrometheusPath=/ops/metrics");
        await using var none = await SiloProcess.StartAsync("--Telemetry:PrometheusPath=");

        Assert.Equal(HttpStatusCode.OK, (await moved.Http.GetAsync("/ops/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await moved.Http.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await none.Http.GetAsync("/metrics")).StatusCode);
    }

    /// <summary>The sum of the samples of <paramref name="series"/> whose labels contain <paramref name="label"/> (Prometheus text format).</summary>
    private static double Value(string scrape, string series, string label = "") =>
        scrape.Split('\n')
            .Select(line => Sample().Match(line))
            .Where(m => m.Success && m.Groups["name"].Value == series && m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)")]
    private static partial Regex Sample();
}
