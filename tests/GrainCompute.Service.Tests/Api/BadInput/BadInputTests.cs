using System.Net.Http.Json;

namespace GrainCompute.Service.Tests.Api.BadInput;

public sealed class BadInputTests(BadInputSiloFixture fixture) : IClassFixture<BadInputSiloFixture>
{
    public static TheoryData<string> Names => HostileRequests.Names;

    [Fact]
    public void The_catalogue_holds_at_least_150_distinct_hostile_inputs() =>
        Assert.True(HostileRequests.Catalogue.Count >= 150, $"only {HostileRequests.Catalogue.Count} hostile inputs");

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Each_hostile_input_gets_a_4xx_problem_never_a_500(string name)
    {
        var (status, contentType, body) = await SendAsync(HostileRequests.Catalogue[name]);

        Assert.True(status is >= 400 and < 500, $"{name}: expected a 4xx, got {status}: {body}");
        Assert.True(contentType == "application/problem+json", $"{name}: {status} came as '{contentType}', not problem details: {body}");
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()), $"{name}: the problem has no title");
    }

    [Fact]
    public async Task After_every_hostile_input_a_job_accepted_before_completes_and_a_new_one_runs_correctly()
    {
        var before = $"before-{Guid.NewGuid():N}"[..16];
        await fixture.Silo.PostAsync("/api/jobs", new { kernel = "slowadd", id = before, parameters = new { a = 20, b = 22, delay = 0.5, count = 4 }, chunkSize = 1 }, HttpStatusCode.Accepted);

        foreach (var request in HostileRequests.Catalogue.Values)
        {
            await SendAsync(request);
        }

        var after = $"after-{Guid.NewGuid():N}"[..16];
        await fixture.Silo.PostAsync("/api/jobs", new { kernel = "collatz", id = after, parameters = new { n = 10 } }, HttpStatusCode.Accepted);
        var first = await fixture.Silo.PostAsync($"/api/jobs/{before}/wait", new { timeoutSeconds = 60 }, HttpStatusCode.OK);
        var second = await fixture.Silo.PostAsync($"/api/jobs/{after}/wait", new { timeoutSeconds = 60 }, HttpStatusCode.OK);

        Assert.Equal("completed", first.GetProperty("status").GetProperty("state").GetString());
        Assert.Equal("168", first.GetProperty("status").GetProperty("resultJson").GetString());
        Assert.Equal("completed", second.GetProperty("status").GetProperty("state").GetString());
        Assert.Equal("19", second.GetProperty("status").GetProperty("resultJson").GetString());
    }

    private async Task<(int Status, string? ContentType, string Body)> SendAsync(HostileRequest request)
    {
        using var message = request.ToMessage();
        using var response = await fixture.Silo.Http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);

        // A stream that started (a 200) would never end: the status and type are known from the headers.
        var body = response.IsSuccessStatusCode ? "" : await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
    }
}
