using System.Net;

namespace GrainCompute.Client.Tests.Transport;

/// <summary>ComputeClient.WaitAsync over a fake gateway: one poll per slice, asking again for the rest, final statuses kept.</summary>
public sealed class WaitManyTests
{
    // The fake clock stands still: a wait that does not end in this much real time is stuck.
    private static readonly TimeSpan RealPatience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task WaitAsync_15000Futures_SendsOneWaitPerSliceOfTenThousand()
    {
        using var gateway = new FakeGateway((request, _) => AllDone(request));
        await using var client = gateway.Client();
        var futures = Enumerable.Range(0, 15_000).Select(i => client.GetJob<long>($"job-{i}")).ToList();

        var (done, notDone) = await ComputeClient.WaitAsync(futures).WaitAsync(RealPatience);

        Assert.Equal(15_000, done.Count);
        Assert.Empty(notDone);
        Assert.Equal([5_000, 10_000], gateway.Requests.Select(r => r.Json.GetProperty("ids").GetArrayLength()).Order());
        Assert.All(gateway.Requests, r => Assert.Equal("/api/jobs/wait", r.Path));
    }

    [Fact]
    public async Task WaitAsync_AnsweredWithFinalStatuses_GetResultAsyncNeedsNoRequest()
    {
        using var gateway = new FakeGateway((request, _) => AllDone(request));
        await using var client = gateway.Client();
        var futures = new[] { client.GetJob<long>("a"), client.GetJob<long>("b") };

        await ComputeClient.WaitAsync(futures).WaitAsync(RealPatience);
        var results = await Task.WhenAll(futures.Select(f => f.GetResultAsync()));

        Assert.Equal([42L, 42L], results);
        Assert.Single(gateway.Requests);
    }

    [Fact]
    public async Task WaitAsync_ServerAnswersAtItsTimeoutWithSomeNotDone_AsksAgainForTheRestOnly()
    {
        using var gateway = new FakeGateway((request, n) => n == 0
            ? FakeGateway.Json(HttpStatusCode.OK, new { satisfied = false, done = new[] { FakeGateway.Status("a", "completed", "42") }, notDone = new[] { "b", "c" } })
            : AllDone(request));
        await using var client = gateway.Client();
        var futures = new[] { client.GetJob<long>("a"), client.GetJob<long>("b"), client.GetJob<long>("c") };

        var (done, _) = await ComputeClient.WaitAsync(futures, ReturnWhen.AllCompleted).WaitAsync(RealPatience);

        Assert.Equal(3, done.Count);
        Assert.Equal(2, gateway.Requests.Count);
        Assert.Equal(["b", "c"], gateway.Requests[1].Json.GetProperty("ids").EnumerateArray().Select(id => id.GetString()));
        Assert.Equal("allCompleted", gateway.Requests[1].Json.GetProperty("returnWhen").GetString());
    }

    [Fact]
    public async Task WaitAsync_FirstCompleted_SendsTheConditionAndStopsAtTheFirstAnswerWithADoneJob()
    {
        using var gateway = new FakeGateway((_, _) =>
            FakeGateway.Json(HttpStatusCode.OK, new { satisfied = true, done = new[] { FakeGateway.Status("b", "failed", error: "boom") }, notDone = new[] { "a", "c" } }));
        await using var client = gateway.Client();
        var futures = new[] { client.GetJob<long>("a"), client.GetJob<long>("b"), client.GetJob<long>("c") };

        var (done, notDone) = await ComputeClient.WaitAsync(futures, ReturnWhen.FirstCompleted).WaitAsync(RealPatience);

        Assert.Equal("b", Assert.Single(done).Id);
        Assert.Equal(2, notDone.Count);
        Assert.Equal("firstCompleted", Assert.Single(gateway.Requests).Json.GetProperty("returnWhen").GetString());
    }

    /// <summary>Every asked job completed with result 42.</summary>
    private static HttpResponseMessage AllDone(FakeGateway.Received request) => FakeGateway.Json(
        HttpStatusCode.OK,
        new
        {
            satisfied = true,
            done = request.Json.GetProperty("ids").EnumerateArray().Select(id => FakeGateway.Status(id.GetString()!, "completed", "42")).ToList(),
            notDone = Array.Empty<string>(),
        });
}
