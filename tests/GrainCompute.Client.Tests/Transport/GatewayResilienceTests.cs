using System.Net;
using System.Net.Http.Headers;

namespace GrainCompute.Client.Tests.Transport;

/// <summary>Retries of 429/503 with Retry-After and a time budget, no retry of other errors, failover, circuit breaking and attempt timeouts, over a fake gateway.</summary>
public sealed class GatewayResilienceTests
{
    private const string Busy = "64 jobs are running; at most 64 may run at once (Compute:MaxConcurrentJobs). Try again when one finishes.";

    // What the client may take in real time where the fake clock stands still: it must not be waiting on that clock.
    private static readonly TimeSpan RealPatience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task SubmitAsync_429WithRetryAfterSeconds_RetriesNoSoonerThanAskedWithTheSameJobId()
    {
        using var gateway = new FakeGateway((request, n) => n == 0
            ? TooManyRequests(retryAfter: new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)))
            : FakeGateway.Json(HttpStatusCode.Accepted, FakeGateway.Status(request.Json.GetProperty("id").GetString()!)));
        await using var client = gateway.Client();

        var submitting = client.SubmitAsync("noop", new { n = 1 });
        await gateway.RunClockAsync(submitting, TimeSpan.FromSeconds(30));
        var future = await submitting;

        var (first, second) = (gateway.Requests[0], gateway.Requests[1]);
        Assert.Equal(2, gateway.Requests.Count);
        Assert.InRange(second.At - first.At, TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(15));
        var id = first.Json.GetProperty("id").GetString();
        Assert.False(string.IsNullOrEmpty(id), "the client must choose the job id, so that a retried submit cannot make a second job");
        Assert.Equal(id, second.Json.GetProperty("id").GetString());
        Assert.Equal(id, future.Id);
    }

    [Fact]
    public async Task SendAsync_503WithRetryAfterDate_RetriesAtThatDate()
    {
        using var gateway = new FakeGateway((_, n) => n == 0
            ? Unavailable(retryAfter: new RetryConditionHeaderValue(FakeGateway.Start.AddSeconds(10)))
            : FakeGateway.Json(HttpStatusCode.OK, Array.Empty<object>()));
        await using var client = gateway.Client();

        var asking = client.KernelsAsync();
        await gateway.RunClockAsync(asking, TimeSpan.FromSeconds(30));
        await asking;

        Assert.Equal(2, gateway.Requests.Count);
        Assert.InRange(gateway.Requests[1].At - gateway.Requests[0].At, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task SubmitAsync_429Always_GivesUpAfterTheBudgetWithTheServersReason()
    {
        using var gateway = new FakeGateway((_, _) => TooManyRequests(retryAfter: null));
        await using var client = gateway.Client(retryBudget: TimeSpan.FromSeconds(20));

        var submitting = client.SubmitAsync("noop", new { n = 1 });
        await gateway.RunClockAsync(submitting.ContinueWith(_ => { }, TaskScheduler.Default), TimeSpan.FromSeconds(60));
        var error = await Assert.ThrowsAsync<ComputeApiException>(() => submitting);

        Assert.Equal(429, error.StatusCode);
        Assert.Contains("64 jobs are running", error.Message, StringComparison.Ordinal);
        Assert.Contains("gave up after", error.Message, StringComparison.Ordinal);
        Assert.Contains("RetryBudget: 20 s", error.Message, StringComparison.Ordinal);
        Assert.True(gateway.Requests.Count > 3, $"expected several attempts with backoff within the budget, got {gateway.Requests.Count}");
        Assert.InRange(gateway.Requests[^1].At - gateway.Requests[0].At, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(40));
    }

    [Fact]
    public async Task SubmitAsync_RetryAfterPastTheBudget_GivesUpAtOnceSayingSo()
    {
        using var gateway = new FakeGateway((_, _) => TooManyRequests(retryAfter: new RetryConditionHeaderValue(TimeSpan.FromMinutes(10))));
        await using var client = gateway.Client(retryBudget: TimeSpan.FromMinutes(1));

        var error = await Assert.ThrowsAsync<ComputeApiException>(() => client.SubmitAsync("noop", new { n = 1 }).WaitAsync(RealPatience));

        Assert.Single(gateway.Requests);
        Assert.Equal(429, error.StatusCode);
        Assert.Contains("retry after 600 s, past the retry budget (ComputeClientOptions.RetryBudget: 60 s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAsync_400_IsNotRetried()
    {
        using var gateway = new FakeGateway((_, _) => FakeGateway.Problem(HttpStatusCode.BadRequest, "Invalid request", "n must be ≥ 1", new() { ["n"] = ["n must be ≥ 1"] }));
        await using var client = gateway.Client();

        var error = await Assert.ThrowsAsync<ComputeApiException>(() => client.SubmitAsync("noop", new { n = 0 }).WaitAsync(RealPatience));

        Assert.Single(gateway.Requests);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("n", error.Field);
    }

    [Fact]
    public async Task SendAsync_FirstGatewayRefusesConnections_FailsOverToTheNext()
    {
        using var gateway = new FakeGateway((request, _) => request.Uri.Host == FakeGateway.Address.Host
            ? Refused()
            : FakeGateway.Json(HttpStatusCode.OK, Array.Empty<object>()));
        await using var client = gateway.Client(null, FakeGateway.Address, FakeGateway.SecondAddress);

        await client.KernelsAsync().WaitAsync(RealPatience);

        Assert.Equal([FakeGateway.Address.Host, FakeGateway.SecondAddress.Host], gateway.Requests.Select(r => r.Uri.Host));
        Assert.Equal(FakeGateway.SecondAddress, client.Gateway);
    }

    [Fact]
    public async Task SendAsync_GatewayKeepsRefusing_CircuitOpensAndRequestsFailWithoutReachingIt()
    {
        using var gateway = new FakeGateway((_, _) => Refused());
        await using var client = gateway.Client();
        for (var i = 0; i < 10; i++)
        {
            await Assert.ThrowsAsync<ComputeUnreachableException>(() => client.KernelsAsync());
        }

        var error = await Assert.ThrowsAsync<ComputeUnreachableException>(() => client.KernelsAsync());

        Assert.Equal(10, gateway.Requests.Count);
        Assert.Contains("circuit open", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_NoAnswerWithinTheRequestTimeout_FailsOverToTheNextGateway()
    {
        using var gateway = new FakeGateway(async (request, _) =>
        {
            if (request.Uri.Host == FakeGateway.Address.Host)
            {
                await Task.Delay(Timeout.Infinite);
            }

            return FakeGateway.Json(HttpStatusCode.OK, Array.Empty<object>());
        });
        await using var client = gateway.Client(null, FakeGateway.Address, FakeGateway.SecondAddress);

        var asking = client.KernelsAsync();
        await gateway.RunClockAsync(asking, TimeSpan.FromMinutes(3), step: TimeSpan.FromSeconds(5));
        await asking;

        Assert.Equal(FakeGateway.SecondAddress.Host, gateway.Requests[^1].Uri.Host);
        Assert.InRange(gateway.Requests[^1].At - gateway.Requests[0].At, TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(150));
    }

    [Fact]
    public async Task GetResultAsync_ServerHoldsTheLongPollPastTheRequestTimeout_IsNotCutShort()
    {
        FakeGateway? fake = null;
        using var gateway = fake = new FakeGateway(async (_, _) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(150), fake!.Time);
            return FakeGateway.Json(HttpStatusCode.OK, new { satisfied = true, status = FakeGateway.Status("a", "completed", "7") });
        });
        await using var client = gateway.Client();

        var reading = client.GetJob<long>("a").GetResultAsync();
        await gateway.RunClockAsync(reading, TimeSpan.FromMinutes(10), step: TimeSpan.FromSeconds(5));

        Assert.Equal(7L, await reading);
        Assert.Equal("/api/jobs/a/wait", Assert.Single(gateway.Requests).Path);
    }

    private static HttpResponseMessage Refused() => throw new HttpRequestException("Connection refused");

    private static HttpResponseMessage TooManyRequests(RetryConditionHeaderValue? retryAfter)
    {
        var response = FakeGateway.Problem(HttpStatusCode.TooManyRequests, "Limit exceeded", Busy);
        response.Headers.RetryAfter = retryAfter;
        return response;
    }

    private static HttpResponseMessage Unavailable(RetryConditionHeaderValue retryAfter)
    {
        var response = FakeGateway.Problem(HttpStatusCode.ServiceUnavailable, "Cluster unavailable", "no silo answered in time");
        response.Headers.RetryAfter = retryAfter;
        return response;
    }
}
