using System.Net.Http.Json;

namespace GrainCompute.Dashboard.Tests.Dashboard;

/// <summary>The Orleans dashboard beside ours at /dashboard/orleans/, read without a browser from a real silo host.</summary>
public sealed class OrleansDashboardEndpointTests
{
    [Fact]
    public async Task The_orleans_dashboard_is_served_under_ours_and_counts_the_job_and_worker_grains()
    {
        await using var silo = await SiloProcess.StartAsync();
        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = silo.Http.BaseAddress };
        await silo.PostAsync("/api/jobs", new { kernel = "slowinc", id = $"od-{Guid.NewGuid():N}"[..12], parameters = new { count = 4, delay = 0.05 }, chunkSize = 1 }, HttpStatusCode.Accepted);

        using var redirect = await noRedirect.GetAsync("/dashboard/orleans");
        var page = await silo.Http.GetStringAsync("/dashboard/orleans/");
        var ours = await silo.Http.GetStringAsync("/dashboard/");
        JsonElement counters = default;
        await Wait.UntilAsync(async () =>
        {
            counters = await silo.GetAsync("/dashboard/orleans/DashboardCounters");
            var types = GrainTypes(counters);
            return types.Contains("GrainCompute.Grains.Jobs.JobGrain") && types.Contains("GrainCompute.Grains.Workers.SiloWorkerGrain");
        }, "the Orleans dashboard counts a JobGrain and a SiloWorkerGrain", TimeSpan.FromSeconds(20), () => string.Join(", ", GrainTypes(counters)));

        Assert.True(redirect.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.MovedPermanently, $"got {(int)redirect.StatusCode}");
        Assert.EndsWith("/dashboard/orleans/", redirect.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("<title>Orleans Dashboard</title>", page, StringComparison.Ordinal);
        Assert.Contains("href=\"orleans/\"", ours, StringComparison.Ordinal);
        Assert.Equal("Active", Assert.Single(counters.GetProperty("hosts").EnumerateArray()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Our_retired_grains_view_is_gone()
    {
        await using var silo = await SiloProcess.StartAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await silo.Http.GetAsync("/dashboard/api/grains")).StatusCode);
        Assert.DoesNotContain("data-tab=\"grains\"", await silo.Http.GetStringAsync("/dashboard/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_an_api_key_the_orleans_dashboard_needs_it_as_a_header_or_as_the_cookie_our_page_sets()
    {
        await using var silo = await SiloProcess.StartAsync("--Api:ApiKey=s3cret");
        using var cookieHolder = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = silo.Http.BaseAddress };

        using var anonymous = await silo.Http.GetAsync("/dashboard/orleans/DashboardCounters");
        using var headed = new HttpRequestMessage(HttpMethod.Get, "/dashboard/orleans/DashboardCounters") { Headers = { { "X-Api-Key", "s3cret" } } };
        using var withHeader = await silo.Http.SendAsync(headed);
        using var cookied = new HttpRequestMessage(HttpMethod.Get, "/dashboard/orleans/") { Headers = { { "Cookie", "graincompute-api-key=s3cret" } } };
        using var withCookie = await cookieHolder.SendAsync(cookied);
        using var wrongCookie = new HttpRequestMessage(HttpMethod.Get, "/dashboard/orleans/") { Headers = { { "Cookie", "graincompute-api-key=guess" } } };
        using var withWrongCookie = await cookieHolder.SendAsync(wrongCookie);
        using var posted = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Headers = { { "Cookie", "graincompute-api-key=s3cret" } }, Content = JsonContent.Create(new { kernel = "noop" }) };
        using var postWithCookie = await cookieHolder.SendAsync(posted);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withHeader.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withCookie.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withWrongCookie.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, postWithCookie.StatusCode);
    }

    [Fact]
    public async Task The_orleans_dashboard_can_be_turned_off_while_ours_stays()
    {
        await using var silo = await SiloProcess.StartAsync("--Dashboard:Orleans=false");

        Assert.Equal(HttpStatusCode.NotFound, (await silo.Http.GetAsync("/dashboard/orleans/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await silo.Http.GetAsync("/dashboard/")).StatusCode);
    }

    private static List<string> GrainTypes(JsonElement counters) =>
        counters.ValueKind == JsonValueKind.Object
            ? [.. counters.GetProperty("simpleGrainStats").EnumerateArray().Select(g => g.GetProperty("grainType").GetString()!).Distinct()]
            : [];
}
