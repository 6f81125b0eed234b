using System.Net.Http.Headers;

namespace GrainCompute.Service.Tests.Api;

public sealed class ApiRateLimitingTests
{
    [Fact]
    public async Task A_burst_beyond_the_limit_gets_429_with_retry_after_health_stays_open_and_the_next_window_lets_it_in()
    {
        await using var silo = await SiloProcess.StartAsync("--Api:RateLimit:PermitLimit=3", "--Api:RateLimit:Window=00:00:02");

        // 20 requests in a row: even if a window ends in the middle, two windows admit 6 at most.
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 20; i++)
        {
            answers.Add(await silo.Http.GetAsync("/api/kernels"));
        }

        var refused = answers.First(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        var problem = await SiloProcess.ReadAsync(refused, HttpStatusCode.TooManyRequests);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        var healthDuringTheBurst = await silo.Http.GetAsync("/health/ready");

        Assert.InRange(answers.Count(a => a.IsSuccessStatusCode), 3, 6);
        Assert.Equal("Too many requests", problem.GetProperty("title").GetString());
        Assert.Contains("Api:RateLimit", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.OK, healthDuringTheBurst.StatusCode);
        await Wait.UntilAsync(async () => (await silo.Http.GetAsync("/api/kernels")).IsSuccessStatusCode, "the next window admits the client again", TimeSpan.FromSeconds(10));
        answers.ForEach(a => a.Dispose());
    }

    [Fact]
    public async Task Each_key_has_its_own_budget_and_requests_without_a_valid_key_share_their_address_budget()
    {
        // A window far longer than the test, so nothing is replenished while it runs.
        await using var silo = await SiloProcess.StartAsync("--Api:Keys:0:Key=alpha", "--Api:Keys:1:Key=beta", "--Api:Keys:1:Role=read", "--Api:RateLimit:PermitLimit=2", "--Api:RateLimit:Window=00:10:00");

        var alpha = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            alpha.Add(await StatusAsync(silo, "alpha"));
        }

        var beta = await StatusAsync(silo, "beta");
        var madeUp = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            madeUp.Add(await StatusAsync(silo, $"guess-{i}"));
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], alpha);
        Assert.Equal(HttpStatusCode.OK, beta);
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], madeUp);
    }

    [Fact]
    public async Task Without_a_limit_configured_nothing_is_limited()
    {
        await using var silo = await SiloProcess.StartAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            statuses.Add((await silo.Http.GetAsync("/api/kernels")).StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    private static async Task<HttpStatusCode> StatusAsync(SiloProcess silo, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/cluster");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await silo.Http.SendAsync(request);
        return response.StatusCode;
    }
}
