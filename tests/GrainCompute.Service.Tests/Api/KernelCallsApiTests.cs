using System.Net.Http.Json;

namespace GrainCompute.Service.Tests.Api;

/// <summary>POST /api/calls as another language makes one: one kernel call answered in the reply, no job.</summary>
public sealed class KernelCallsApiTests
{
    [Fact]
    public async Task A_call_answers_its_outcome_as_json_a_failed_run_included_and_leaves_no_job()
    {
        await using var silo = await SiloProcess.StartAsync();

        var sum = await silo.PostAsync("/api/calls", new { kernel = "slowadd", parameters = new { a = 20, b = 22 } }, HttpStatusCode.OK);
        var squares = await silo.PostAsync("/api/calls", new { kernel = "square-number", parameters = new { n = 3 } }, HttpStatusCode.OK);
        var defaults = await silo.PostAsync("/api/calls", new { kernel = "slowadd" }, HttpStatusCode.OK);
        var late = await silo.PostAsync("/api/calls", new { kernel = "slowadd", parameters = new { delay = 30.0 }, timeoutSeconds = 0.2 }, HttpStatusCode.OK);
        var jobs = await silo.GetAsync("/api/jobs");

        Assert.Equal("""{"result":42}""", sum.GetRawText());
        Assert.Equal("""{"items":[1,4,9]}""", squares.GetRawText());
        Assert.True(defaults.TryGetProperty("result", out _), defaults.ToString());
        Assert.Equal("TimeoutException", late.GetProperty("errorType").GetString());
        Assert.Contains("timeout", late.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, jobs.GetArrayLength());
    }

    [Fact]
    public async Task Bad_calls_are_problems_naming_the_field()
    {
        await using var silo = await SiloProcess.StartAsync();

        var missing = await silo.PostAsync("/api/calls", new { parameters = new { n = 1 } }, HttpStatusCode.BadRequest);
        var unknown = await silo.PostAsync("/api/calls", new { kernel = "slowad" }, HttpStatusCode.BadRequest);
        var bad = await silo.PostAsync("/api/calls", new { kernel = "slowadd", parameters = new { a = "one" } }, HttpStatusCode.BadRequest);
        var notObject = await silo.PostAsync("/api/calls", new { kernel = "slowadd", parameters = new[] { 1, 2 } }, HttpStatusCode.BadRequest);
        var tooLarge = await silo.PostAsync("/api/calls", new { kernel = "square-number", parameters = new { n = 100_000_000 } }, HttpStatusCode.BadRequest);
        var future = await silo.PostAsync("/api/calls", new { kernel = "slowadd", parameters = new { a = new Dictionary<string, string> { ["$future"] = "job-1" } } }, HttpStatusCode.BadRequest);
        var timeout = await silo.PostAsync("/api/calls", new { kernel = "slowadd", timeoutSeconds = -1 }, HttpStatusCode.BadRequest);
        using var text = await silo.Http.PostAsync("/api/calls", new StringContent("{\"kernel\": ", System.Text.Encoding.UTF8, "application/json"));
        var malformed = await SiloProcess.ReadAsync(text, HttpStatusCode.BadRequest);

        Assert.True(missing.GetProperty("errors").TryGetProperty("kernel", out _), missing.ToString());
        Assert.Contains("did you mean 'slowadd'?", unknown.GetProperty("errors").GetProperty("kernel")[0].GetString(), StringComparison.Ordinal);
        Assert.True(bad.GetProperty("errors").TryGetProperty("a", out _), bad.ToString());
        Assert.True(notObject.GetProperty("errors").TryGetProperty("parameters", out _), notObject.ToString());
        Assert.Contains("submit it as a job", tooLarge.GetProperty("errors").GetProperty("parameters")[0].GetString(), StringComparison.Ordinal);
        Assert.True(future.GetProperty("errors").TryGetProperty("parameters", out _), future.ToString());
        Assert.True(timeout.GetProperty("errors").TryGetProperty("timeoutSeconds", out _), timeout.ToString());
        Assert.True(malformed.GetProperty("errors").TryGetProperty("body", out _), malformed.ToString());
    }

    [Fact]
    public async Task Calls_past_the_silos_limit_are_refused_with_429_until_the_running_one_is_cancelled()
    {
        await using var silo = await SiloProcess.StartAsync("--Compute:MaxPendingCalls=1");
        using var cancel = new CancellationTokenSource();

        var first = silo.Http.PostAsJsonAsync("/api/calls", new { kernel = "slowadd", parameters = new { delay = 300.0 } }, cancel.Token);
        var refused = await CallUntilAsync(silo, HttpStatusCode.TooManyRequests, "a call is refused while the first runs");
        await cancel.CancelAsync(); // the caller goes away: its call stops and frees its place
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        await CallUntilAsync(silo, HttpStatusCode.OK, "a call runs again after the first was cancelled");

        Assert.Equal("1", refused.RetryAfter);
        Assert.Contains("Compute:MaxPendingCalls", refused.Body, StringComparison.Ordinal);
    }

    /// <summary>Makes quick calls until one is answered with <paramref name="status"/> (the first call may not have reached the silo yet, or not yet stopped).</summary>
    private static async Task<(string? RetryAfter, string Body)> CallUntilAsync(SiloProcess silo, HttpStatusCode status, string expectation)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            using var response = await silo.Http.PostAsJsonAsync("/api/calls", new { kernel = "slowadd", parameters = new { delay = 0.0 } });
            if (response.StatusCode == status)
            {
                return (response.Headers.TryGetValues("Retry-After", out var after) ? after.Single() : null, await response.Content.ReadAsStringAsync());
            }

            Assert.False(deadline.IsCancellationRequested, $"timed out waiting until {expectation}; last answer {(int)response.StatusCode}");
            await Task.Delay(20);
        }
    }
}
