using System.Net.Http.Json;

namespace GrainCompute.Dashboard.Tests.Dashboard;

/// <summary>The dashboard's page, files and JSON endpoints, read without a browser from a real silo host.</summary>
public sealed class DashboardEndpointTests
{
    [Fact]
    public async Task The_page_redirects_to_its_folder_and_serves_its_files_with_the_vendored_chart_library()
    {
        await using var silo = await SiloProcess.StartAsync();
        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = silo.Http.BaseAddress };

        using var redirect = await noRedirect.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("dashboard/", redirect.Headers.Location!.OriginalString);
        var html = await silo.Http.GetStringAsync("/dashboard/");
        Assert.Contains("vendor/chart.umd.min.js", html, StringComparison.Ordinal);
        Assert.DoesNotContain("//cdn", html, StringComparison.Ordinal);
        Assert.Contains("Chart.js v4", await silo.Http.GetStringAsync("/dashboard/vendor/chart.umd.min.js"), StringComparison.Ordinal);
        Assert.Contains("MIT License", await silo.Http.GetStringAsync("/dashboard/vendor/chart.js-LICENSE.md"), StringComparison.Ordinal);
        using var script = await silo.Http.GetAsync("/dashboard/dashboard.js");
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task With_an_api_key_the_page_loads_but_its_data_needs_the_key()
    {
        await using var silo = await SiloProcess.StartAsync("--Api:ApiKey=s3cret");

        Assert.Equal(HttpStatusCode.OK, (await silo.Http.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await silo.Http.GetAsync("/dashboard/api/cluster")).StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/api/settings") { Headers = { { "X-Api-Key", "s3cret" } } };
        var settings = await SiloProcess.ReadAsync(await silo.Http.SendAsync(request), HttpStatusCode.OK);
        Assert.True(settings.GetProperty("apiKeyRequired").GetBoolean());
        Assert.True(settings.GetProperty("readOnly").GetBoolean());
    }

    [Fact]
    public async Task Cluster_shows_this_silo_active_with_its_worker_slots_and_own_figures()
    {
        await using var silo = await SiloProcess.StartAsync("--Silo:WorkerSlots=3", "--Silo:SiloName=alpha");

        var cluster = await silo.GetAsync("/dashboard/api/cluster");

        var row = Assert.Single(cluster.GetProperty("silos").EnumerateArray());
        Assert.Equal("alpha", row.GetProperty("name").GetString());
        Assert.Equal("active", row.GetProperty("status").GetString());
        Assert.Equal(3, row.GetProperty("workerSlots").GetInt32());
        Assert.True(row.GetProperty("memoryBytes").GetInt64() > 0);
        Assert.Equal(JsonValueKind.Number, row.GetProperty("cpuPercent").ValueKind);
        Assert.Equal(JsonValueKind.Object, row.GetProperty("activations").ValueKind);
        Assert.Equal(3, cluster.GetProperty("totals").GetProperty("workerSlots").GetInt32());
        Assert.Equal(cluster.GetProperty("gateway").GetString(), row.GetProperty("address").GetString());
    }

    [Fact]
    public async Task Jobs_list_and_job_page_show_a_finished_job_with_its_chunks_in_completion_order()
    {
        await using var silo = await SiloProcess.StartAsync();
        var id = await RunJobAsync(silo);

        var jobs = await silo.GetAsync("/dashboard/api/jobs");
        var row = jobs.EnumerateArray().Single(j => j.GetProperty("id").GetString() == id);
        Assert.Equal("completed", row.GetProperty("state").GetString());
        Assert.Equal(1.0, row.GetProperty("progress").GetDouble());
        Assert.Equal(4, row.GetProperty("chunksDone").GetInt32());
        Assert.Equal("slowinc", row.GetProperty("kernel").GetString());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("etaSeconds").ValueKind);

        var detail = await silo.GetAsync($"/dashboard/api/jobs/{id}");
        var chunks = detail.GetProperty("chunks").EnumerateArray().ToList();
        Assert.Equal([0, 1, 2, 3], chunks.Select(c => c.GetProperty("index").GetInt32()));
        Assert.All(chunks, c =>
        {
            Assert.Equal("done", c.GetProperty("state").GetString());
            Assert.False(string.IsNullOrEmpty(c.GetProperty("silo").GetString()));
            Assert.False(string.IsNullOrEmpty(c.GetProperty("worker").GetString()));
            Assert.Equal(JsonValueKind.Number, c.GetProperty("completionSeq").ValueKind);
        });
        Assert.Equal(4, chunks.Select(c => c.GetProperty("completionSeq").GetInt64()).Distinct().Count());
    }

    [Fact]
    public async Task An_unknown_job_page_is_a_404_problem()
    {
        await using var silo = await SiloProcess.StartAsync();

        var problem = await silo.GetAsync("/dashboard/api/jobs/no-such-job", HttpStatusCode.NotFound);

        Assert.Contains("no-such-job", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_has_a_point_per_second_with_the_clusters_worker_slots()
    {
        await using var silo = await SiloProcess.StartAsync("--Silo:WorkerSlots=2");

        JsonElement history = default;
        await Wait.UntilAsync(async () =>
        {
            history = await silo.GetAsync("/dashboard/api/history");
            return history.GetArrayLength() >= 2;
        }, "two seconds of history", TimeSpan.FromSeconds(10));

        var seconds = history.EnumerateArray().Select(p => p.GetProperty("unixSeconds").GetInt64()).ToList();
        Assert.Equal(seconds.Order(), seconds);
        Assert.All(history.EnumerateArray(), p => Assert.Equal(2, p.GetProperty("workerSlots").GetInt32()));
    }

    [Fact]
    public async Task Chunks_run_while_nobody_watched_show_in_the_history_with_their_run_times()
    {
        await using var silo = await SiloProcess.StartAsync();
        await RunJobAsync(silo);

        JsonElement[] busy = [];
        await Wait.UntilAsync(async () =>
        {
            busy = [.. (await silo.GetAsync("/dashboard/api/history")).EnumerateArray().Where(p => p.GetProperty("chunksPerSecond").GetDouble() > 0)];
            return busy.Length > 0;
        }, "a history point with chunks", TimeSpan.FromSeconds(10));

        // Each chunk sleeps 50 ms: its run time, as the worker measured it, is at least that.
        Assert.All(busy, p =>
        {
            Assert.True(p.GetProperty("chunkP50Ms").GetDouble() >= 40, $"chunk p50 {p.GetProperty("chunkP50Ms")} ms is below the kernel's 50 ms sleep");
            Assert.True(p.GetProperty("chunkP99Ms").GetDouble() >= p.GetProperty("chunkP50Ms").GetDouble());
        });
    }

    [Fact]
    public async Task Events_stream_pushes_updates_as_server_sent_events()
    {
        await using var silo = await SiloProcess.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/api/events") { Headers = { { "Accept", "text/event-stream" } } };
        using var response = await silo.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        var updates = new List<JsonElement>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (updates.Count < 2)
        {
            var line = await reader.ReadLineAsync(timeout.Token);
            if (line?.StartsWith("data: ", StringComparison.Ordinal) == true)
            {
                updates.Add(JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone());
            }
        }

        Assert.All(updates, u => Assert.Equal("active", u.GetProperty("cluster").GetProperty("silos")[0].GetProperty("status").GetString()));
        Assert.Equal(JsonValueKind.Array, updates[0].GetProperty("jobs").ValueKind);
        Assert.False(updates[0].TryGetProperty("grains", out _), "per-grain call statistics are the Orleans dashboard's now");
        Assert.Equal(JsonValueKind.Null, updates[0].GetProperty("job").ValueKind);
    }

    [Fact]
    public async Task Cancel_is_refused_while_the_dashboard_is_read_only()
    {
        await using var silo = await SiloProcess.StartAsync();
        var id = $"ro-{Guid.NewGuid():N}"[..12];
        await silo.PostAsync("/api/jobs", new { kernel = "slowinc", id, parameters = new { count = 2, delay = 30 }, chunkSize = 1 }, HttpStatusCode.Accepted);

        using var response = await silo.Http.PostAsync($"/dashboard/api/jobs/{id}/cancel", null);
        var problem = await SiloProcess.ReadAsync(response, HttpStatusCode.Forbidden);

        Assert.Contains("Dashboard:ReadOnly", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("running", (await silo.GetAsync($"/api/jobs/{id}")).GetProperty("state").GetString());
        await silo.PostAsync($"/api/jobs/{id}/cancel", new { }, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Cancel_from_a_writable_dashboard_needs_the_api_key_and_then_cancels()
    {
        await using var silo = await SiloProcess.StartAsync("--Dashboard:ReadOnly=false", "--Api:ApiKey=s3cret", "--Api:OpenReadOnly=true");
        silo.Http.DefaultRequestHeaders.Add("X-Api-Key", "s3cret");
        var id = $"rw-{Guid.NewGuid():N}"[..12];
        await silo.PostAsync("/api/jobs", new { kernel = "slowinc", id, parameters = new { count = 2, delay = 30 }, chunkSize = 1 }, HttpStatusCode.Accepted);
        using var anonymous = new HttpClient { BaseAddress = silo.Http.BaseAddress };

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/dashboard/api/jobs/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/dashboard/api/jobs/{id}/cancel", null)).StatusCode);
        var row = await SiloProcess.ReadAsync(await silo.Http.PostAsync($"/dashboard/api/jobs/{id}/cancel", null), HttpStatusCode.OK);

        Assert.Equal("cancelled", row.GetProperty("state").GetString());
        Assert.Equal(2, row.GetProperty("chunksCancelled").GetInt32());
    }

    [Fact]
    public async Task OpenApi_document_describes_the_dashboard_endpoints()
    {
        await using var silo = await SiloProcess.StartAsync();

        var paths = (await silo.GetAsync("/openapi/v1.json")).GetProperty("paths");

        foreach (var path in new[] { "/dashboard/api/cluster", "/dashboard/api/jobs", "/dashboard/api/jobs/{id}", "/dashboard/api/jobs/{id}/cancel", "/dashboard/api/history", "/dashboard/api/events", "/dashboard/api/settings" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not in the OpenAPI document");
        }

        Assert.DoesNotContain(paths.EnumerateObject(), p => p.Name.StartsWith("/dashboard/orleans", StringComparison.Ordinal) || p.Name == "/dashboard/api/grains");
    }

    [Fact]
    public async Task The_path_option_moves_the_dashboard()
    {
        await using var silo = await SiloProcess.StartAsync("--Dashboard:Path=/ops/dash");

        Assert.Equal(HttpStatusCode.OK, (await silo.Http.GetAsync("/ops/dash/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await silo.Http.GetAsync("/ops/dash/api/cluster")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await silo.Http.GetAsync("/dashboard/")).StatusCode);
    }

    [Fact]
    public async Task A_disabled_dashboard_serves_nothing()
    {
        await using var silo = await SiloProcess.StartAsync("--Dashboard:Enabled=false");

        Assert.Equal(HttpStatusCode.NotFound, (await silo.Http.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await silo.Http.GetAsync("/dashboard/api/cluster")).StatusCode);
    }

    [Theory]
    [InlineData("--Dashboard:Path=dashboard", "GRAINCOMPUTE__DASHBOARD__PATH")]
    [InlineData("--Dashboard:Path=/dashboard/", "GRAINCOMPUTE__DASHBOARD__PATH")]
    [InlineData("--Dashboard:JobsShown=0", "GRAINCOMPUTE__DASHBOARD__JOBSSHOWN")]
    public void A_bad_dashboard_setting_stops_the_silo_naming_its_environment_variable(string setting, string variable)
    {
        var failure = Assert.Throws<Server.Hosting.SiloConfigurationException>(() => Server.Hosting.SiloHost.Build(["--Api:Urls=http://127.0.0.1:0", setting]));

        Assert.Contains(failure.Problems, p => p.Contains(variable, StringComparison.Ordinal));
    }

    private static async Task<string> RunJobAsync(SiloProcess silo)
    {
        var id = $"job-{Guid.NewGuid():N}"[..16];
        await silo.PostAsync("/api/jobs", new { kernel = "slowinc", id, parameters = new { count = 4, delay = 0.05 }, chunkSize = 1 }, HttpStatusCode.Accepted);
        using var wait = await silo.Http.PostAsJsonAsync($"/api/jobs/{id}/wait", new { timeoutSeconds = 20 });
        Assert.True((await SiloProcess.ReadAsync(wait, HttpStatusCode.OK)).GetProperty("satisfied").GetBoolean(), $"job {id} did not finish in 20 s");
        return id;
    }
}
