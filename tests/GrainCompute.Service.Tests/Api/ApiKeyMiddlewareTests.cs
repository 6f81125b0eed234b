using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace GrainCompute.Service.Tests.Api;

public sealed class ApiKeyMiddlewareTests(KeyedSiloFixture fixture) : IClassFixture<KeyedSiloFixture>
{
    /// <summary>What a request with a given key gets: let in (any answer but 401/403), 401, or 403.</summary>
    public enum Door { In, Unauthorized, Forbidden }

    public enum Caller { NoKey, ReadKey, FullKey, RotatedOutKey }

    // Route class, method, path, body, and the door for no key / read key / full key / rotated-out key.
    public static TheoryData<string, string, string, string?, Door, Door, Door, Door> Routes => new()
    {
        { "health probe", "GET", "/health/live", null, Door.In, Door.In, Door.In, Door.In },
        { "readiness probe", "GET", "/health/ready", null, Door.In, Door.In, Door.In, Door.In },
        { "dashboard page", "GET", "/dashboard/", null, Door.In, Door.In, Door.In, Door.In },
        { "kernel list", "GET", "/api/kernels", null, Door.Unauthorized, Door.In, Door.In, Door.Unauthorized },
        { "job list", "GET", "/api/jobs", null, Door.Unauthorized, Door.In, Door.In, Door.Unauthorized },
        { "job results", "GET", "/api/jobs/no-such-job/results", null, Door.Unauthorized, Door.In, Door.In, Door.Unauthorized },
        { "result stream", "GET", "/api/jobs/no-such-job/results/stream", null, Door.Unauthorized, Door.In, Door.In, Door.Unauthorized },
        { "wait on one job", "POST", "/api/jobs/no-such-job/wait", """{"timeoutSeconds":0}""", Door.Unauthorized, Door.In, Door.In, Door.Unauthorized },
        { "wait on many jobs", "POST", "/api/jobs/wait", """{"ids":["no-such-job"],"timeoutSeconds":0}""", Door.Unauthorized, Door.In, Door.In, Door.Unauthorized },
        { "openapi document", "GET", "/openapi/v1.json", null, Door.Unauthorized, Door.In, Door.In, Door.Unauthorized },
        { "submit", "POST", "/api/jobs", """{"kernel":"noop","parameters":{"n":1}}""", Door.Unauthorized, Door.Forbidden, Door.In, Door.Unauthorized },
        { "batch submit", "POST", "/api/jobs/batch", """{"jobs":[{"kernel":"noop","parameters":{"n":1}}]}""", Door.Unauthorized, Door.Forbidden, Door.In, Door.Unauthorized },
        { "cancel", "POST", "/api/jobs/no-such-job/cancel", null, Door.Unauthorized, Door.Forbidden, Door.In, Door.Unauthorized },
        { "unknown method", "DELETE", "/api/jobs/no-such-job", null, Door.Unauthorized, Door.Forbidden, Door.In, Door.Unauthorized },
        { "dashboard data", "GET", "/dashboard/api/cluster", null, Door.Unauthorized, Door.In, Door.In, Door.Unauthorized },
        { "dashboard settings", "GET", "/dashboard/api/settings", null, Door.Unauthorized, Door.In, Door.In, Door.Unauthorized },
        { "dashboard event stream", "GET", "/dashboard/api/events", null, Door.Unauthorized, Door.In, Door.In, Door.Unauthorized },
        { "dashboard cancel", "POST", "/dashboard/api/jobs/no-such-job/cancel", null, Door.Unauthorized, Door.Forbidden, Door.In, Door.Unauthorized },
        { "orleans dashboard", "GET", "/dashboard/orleans/", null, Door.Unauthorized, Door.In, Door.In, Door.Unauthorized },
        { "prometheus metrics", "GET", "/metrics", null, Door.Unauthorized, Door.In, Door.In, Door.Unauthorized },
        { "a route nobody mapped", "GET", "/anything/else", null, Door.Unauthorized, Door.In, Door.In, Door.Unauthorized },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Each_route_class_lets_in_exactly_the_keys_its_role_allows(string route, string method, string path, string? body, Door noKey, Door readKey, Door fullKey, Door rotatedOut)
    {
        Assert.Equal(noKey, await KnockAsync(Caller.NoKey, method, path, body));
        Assert.Equal(readKey, await KnockAsync(Caller.ReadKey, method, path, body));
        Assert.Equal(fullKey, await KnockAsync(Caller.FullKey, method, path, body));
        Assert.Equal(rotatedOut, await KnockAsync(Caller.RotatedOutKey, method, path, body));
        _ = route;
    }

    [Fact]
    public async Task The_single_api_key_setting_still_opens_every_door()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs/no-such-job/cancel") { Headers = { { "X-Api-Key", KeyedSiloFixture.LegacyFullKey } } };
        using var response = await fixture.Silo.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_read_key_is_refused_a_write_with_a_problem_naming_the_key_but_not_showing_it()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = JsonContent.Create(new { kernel = "noop" }), Headers = { { "X-Api-Key", KeyedSiloFixture.ReadKey } } };

        var problem = await SiloProcess.ReadAsync(await fixture.Silo.Http.SendAsync(request), HttpStatusCode.Forbidden);

        Assert.Equal("API key is read-only", problem.GetProperty("title").GetString());
        Assert.Contains("'dashboards'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(KeyedSiloFixture.ReadKey, problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_shows_itself_read_only_to_a_read_key_and_writable_to_a_full_key()
    {
        var asReader = await SettingsAsync(KeyedSiloFixture.ReadKey);
        var asWriter = await SettingsAsync(KeyedSiloFixture.FullKey);

        Assert.True(asReader.GetProperty("readOnly").GetBoolean());
        Assert.False(asWriter.GetProperty("readOnly").GetBoolean());
        Assert.True(asWriter.GetProperty("apiKeyRequired").GetBoolean());
    }

    [Fact]
    public async Task A_browser_is_challenged_for_basic_credentials_and_gets_in_with_the_key_as_password()
    {
        using var anonymous = new HttpRequestMessage(HttpMethod.Get, "/dashboard/orleans/") { Headers = { { "Accept", "text/html" } } };
        using var challenged = await fixture.Silo.Http.SendAsync(anonymous);
        using var withBasic = new HttpRequestMessage(HttpMethod.Get, "/dashboard/api/cluster");
        withBasic.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("anyone:" + KeyedSiloFixture.ReadKey)));
        using var admitted = await fixture.Silo.Http.SendAsync(withBasic);

        Assert.Equal(HttpStatusCode.Unauthorized, challenged.StatusCode);
        Assert.StartsWith("Basic", challenged.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
    }

    [Fact]
    public async Task A_script_is_not_challenged_so_no_login_box_pops_up_over_the_dashboard_page()
    {
        using var response = await fixture.Silo.Http.GetAsync("/dashboard/api/cluster");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(response.Headers.WwwAuthenticate);
    }

    private async Task<JsonElement> SettingsAsync(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/api/settings") { Headers = { { "X-Api-Key", key } } };
        return await SiloProcess.ReadAsync(await fixture.Silo.Http.SendAsync(request), HttpStatusCode.OK);
    }

    private async Task<Door> KnockAsync(Caller caller, string method, string path, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        // Each way of carrying a key, so all three are covered.
        switch (caller)
        {
            case Caller.ReadKey:
                request.Headers.Add("X-Api-Key", KeyedSiloFixture.ReadKey);
                break;
            case Caller.FullKey:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", KeyedSiloFixture.FullKey);
                break;
            case Caller.RotatedOutKey:
                request.Headers.Add("X-Api-Key", KeyedSiloFixture.RotatedOutKey);
                break;
        }

        // Headers only: the event stream never ends, and the door is decided before any body.
        using var response = await fixture.Silo.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => Door.Unauthorized,
            HttpStatusCode.Forbidden => Door.Forbidden,
            _ => Door.In,
        };
    }
}
