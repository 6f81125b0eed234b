using System.Text.Json;

namespace GrainCompute.Client.Tests.Transports;

/// <summary>Calls (<see cref="ComputeClient.CallAsync{T}"/>: one kernel call, no job) over every transport.</summary>
public abstract partial class TransportContractTests
{
    [Fact]
    public async Task CallAsync_ReturnsTheKernelsResultOrItsItemsAndLeavesNoJob()
    {
        var before = await Client.JobsAsync(10_000);

        var steps = await Client.CallAsync<int>("collatz", new { n = 27 });
        var squares = await Client.CallAsync<long[]>("square-number", new { n = 5 });
        var sum = await Client.CallAsync("slowadd", new { a = 2, b = 3 });

        Assert.Equal(111, steps);
        Assert.Equal([1L, 4, 9, 16, 25], squares);
        Assert.Equal(5, sum.GetInt64());
        Assert.Equal(before.Count, (await Client.JobsAsync(10_000)).Count);
    }

    [Fact]
    public async Task CallAsync_ManyAtOnce_EachGetsItsOwnAnswer()
    {
        var calls = Enumerable.Range(0, 200).Select(i => Client.CallAsync<long>("slowadd", new { a = i, b = 1000 })).ToList();

        Assert.Equal(Enumerable.Range(1000, 200).Select(i => (long)i), await Task.WhenAll(calls));
    }

    [Fact]
    public async Task CallAsync_BadParameterOrUnknownKernel_ThrowsBadRequestNamingTheField()
    {
        var bad = await Assert.ThrowsAsync<ComputeApiException>(() => Client.CallAsync("collatz", new { n = "many" }));
        var unknown = await Assert.ThrowsAsync<ComputeApiException>(() => Client.CallAsync("collatzz"));
        var group = await Assert.ThrowsAsync<ComputeApiException>(() => Client.CallAsync("group:collatz"));

        Assert.Equal((400, "n"), (bad.StatusCode, bad.Field));
        Assert.Equal((400, "kernel"), (unknown.StatusCode, unknown.Field));
        Assert.Contains("collatz", unknown.Message, StringComparison.Ordinal);
        Assert.Equal((400, "kernel"), (group.StatusCode, group.Field));
    }

    [Fact]
    public async Task CallAsync_LargerThanOneChunk_IsRefusedNamingParameters()
    {
        var error = await Assert.ThrowsAsync<ComputeApiException>(() => Client.CallAsync("square-number", new { n = 100_000_000 }));

        Assert.Equal((400, "parameters"), (error.StatusCode, error.Field));
        Assert.Contains("submit it as a job", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallAsync_FutureAmongTheParameters_IsRefused()
    {
        var job = await Client.SubmitAsync<long>("slowadd", new { a = 1, b = 2 });

        var error = await Assert.ThrowsAsync<ComputeApiException>(() => Client.CallAsync("slowadd", new { a = job, b = 1 }));

        Assert.Equal((400, "parameters"), (error.StatusCode, error.Field));
    }

    [Fact]
    public async Task CallAsync_RunningPastItsTimeout_FailsWithTheRemoteTimeout()
    {
        var failure = await Assert.ThrowsAsync<ComputeTaskFailedException>(() => Client.CallAsync("slowadd", new { a = 1, b = 2, delay = 30.0 }, TimeSpan.FromSeconds(0.5)));

        Assert.Equal("TimeoutException", failure.RemoteType);
        Assert.Equal("", failure.JobId);
        Assert.StartsWith("call of slowadd failed: ", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallAsync_Cancelled_StopsWaitingForTheRunningCall()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(0.5));

        // 30 s of delay: a cancel that did not reach the call would return 3 after that, failing the assertion.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.CallAsync("slowadd", new { a = 1, b = 2, delay = 30.0 }, cancellationToken: cancel.Token));
    }
}
