using System.Net;
using GrainCompute.Client.Tests.Transport;

namespace GrainCompute.Client.Tests;

/// <summary>SubmitManyAsync over a fake gateway: slicing, order, ids and errors (against a real silo: ManyFuturesTests).</summary>
public sealed class ComputeClientBatchTests
{
    // The fake clock stands still: a submit that does not end in this much real time is stuck.
    private static readonly TimeSpan RealPatience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task SubmitManyAsync_25000Entries_SendsOneRequestPerSliceOfTenThousandAndReturnsTheFuturesInOrder()
    {
        using var gateway = new FakeGateway((request, _) => AcceptAll(request));
        await using var client = gateway.Client();

        var futures = await client.SubmitManyAsync("slowadd", Enumerable.Range(0, 25_000).Select(i => (object?)new { a = i })).WaitAsync(RealPatience);

        Assert.Equal([10_000, 10_000, 5_000], gateway.Requests.Select(r => r.Json.GetProperty("jobs").GetArrayLength()));
        Assert.All(gateway.Requests, r => Assert.Equal("/api/jobs/batch", r.Path));
        var sent = gateway.Requests.SelectMany(r => r.Json.GetProperty("jobs").EnumerateArray()).ToList();
        Assert.Equal(Enumerable.Range(0, 25_000), sent.Select(job => job.GetProperty("parameters").GetProperty("a").GetInt32()));
        Assert.Equal(sent.Select(job => job.GetProperty("id").GetString()), futures.Select(f => f.Id));
        Assert.Equal(25_000, futures.Select(f => f.Id).Distinct().Count());
        Assert.All(futures, f => Assert.Equal(JobState.Waiting, f.Status?.State));
    }

    [Fact]
    public async Task SubmitManyAsync_IdPrefix_NumbersTheJobsSoASecondSubmitFindsThem()
    {
        using var gateway = new FakeGateway((request, _) => AcceptAll(request));
        await using var client = gateway.Client();

        var futures = await client.SubmitManyAsync<long>("noop", [null, null, null], new SubmitOptions(Id: "nightly-7"));

        Assert.Equal(["nightly-7-0", "nightly-7-1", "nightly-7-2"], futures.Select(f => f.Id));
    }

    [Fact]
    public async Task SubmitManyAsync_BadEntryInTheSecondSlice_NamesItByItsIndexInTheWholeList()
    {
        using var gateway = new FakeGateway((request, n) => n == 0
            ? AcceptAll(request)
            : FakeGateway.Problem(HttpStatusCode.BadRequest, "Invalid request", "1 of 5000 jobs are invalid; none was submitted", new() { ["jobs[3].parameters.n"] = ["n must be ≥ 1"] }));
        await using var client = gateway.Client();

        var error = await Assert.ThrowsAsync<ComputeApiException>(() => client.SubmitManyAsync("noop", Enumerable.Range(0, 15_000).Select(i => (object?)new { n = i == 10_003 ? 0 : 1 })));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("jobs[10003].parameters.n", error.Field);
        Assert.Contains("the 10000 jobs before it were submitted", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, gateway.Requests.Count);
    }

    [Fact]
    public async Task SubmitManyAsync_NoEntries_SendsNothing()
    {
        using var gateway = new FakeGateway((request, _) => AcceptAll(request));
        await using var client = gateway.Client();

        var futures = await client.SubmitManyAsync("noop", []);

        Assert.Empty(futures);
        Assert.Empty(gateway.Requests);
    }

    /// <summary>202 with a waiting status for each job of a batch, in order.</summary>
    private static HttpResponseMessage AcceptAll(FakeGateway.Received request) => FakeGateway.Json(
        HttpStatusCode.Accepted,
        new { jobs = request.Json.GetProperty("jobs").EnumerateArray().Select(job => FakeGateway.Status(job.GetProperty("id").GetString()!)).ToList() });
}
