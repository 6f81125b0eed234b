using System.Text.Json;

namespace GrainCompute.Client.Tests.Transports;

/// <summary>Future groups (<see cref="SubmitOptions.Grouped"/>) over every transport: many calls as one job, one future each.</summary>
public abstract partial class TransportContractTests
{
    private static readonly SubmitOptions Grouped = new(Grouped: true);

    private static IEnumerable<object?> SlowAdds(int count, double delay = 0) =>
        Enumerable.Range(0, count).Select(i => (object?)new { a = i, b = 1, delay });

    [Fact]
    public async Task SubmitManyAsync_Grouped_OneJobWhoseCallsAreFuturesWithTheirOwnResults()
    {
        var futures = await Client.SubmitManyAsync<long>("slowadd", SlowAdds(300), Grouped);

        var (done, notDone) = await ComputeClient.WaitAsync(futures, timeout: Patience);

        Assert.Empty(notDone);
        Assert.Equal(300, done.Count);
        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), await Task.WhenAll(futures.Select(f => f.GetResultAsync(TimeSpan.Zero))));
        var group = Assert.Single(futures.Select(f => f.Group).Distinct());
        Assert.Equal("group:slowadd", (await group!.StatusAsync()).Kernel);
        Assert.Equal(futures.Select((_, i) => $"{group.Id}#{i}"), futures.Select(f => f.Id));
        Assert.All(futures, f => Assert.Equal(JobState.Completed, f.Status?.State));
    }

    [Fact]
    public async Task AsCompleted_Grouped_YieldsEveryCallOnceInTheOrderTheyEnd()
    {
        // Calls 0 and 1, each a chunk of its own, wait 2 s and 0 s at once (slowadd is I/O-bound): 1 ends first.
        var futures = await Client.SubmitManyAsync<long>("slowadd", [new { a = 0, b = 0, delay = 2.0 }, new { a = 1, b = 0, delay = 0.0 }], Grouped with { ChunkSize = 1 });

        var yielded = new List<ComputeFuture<long>>();
        await foreach (var future in ComputeClient.AsCompleted(futures, Patience))
        {
            yielded.Add(future);
        }

        Assert.Equal([futures[1], futures[0]], yielded);
    }

    [Fact]
    public async Task WaitAsync_GroupedFirstCompleted_ReturnsWithTheQuickCallWhileTheSlowOneRuns()
    {
        var futures = await Client.SubmitManyAsync<long>("slowadd", [new { a = 0, b = 0, delay = 30.0 }, new { a = 1, b = 0, delay = 0.0 }], Grouped with { ChunkSize = 1 });

        var (done, notDone) = await ComputeClient.WaitAsync(futures, ReturnWhen.FirstCompleted, Patience);

        Assert.Equal([futures[1]], done);
        Assert.Equal([futures[0]], notDone);
        Assert.Equal(JobState.Running, (await futures[0].StatusAsync()).State);
        await futures[0].CancelAsync();
    }

    [Fact]
    public async Task CancelAsync_GroupedCall_CancelsItsGroupAndTheUnfinishedCallsEndCancelled()
    {
        var futures = await Client.SubmitManyAsync<long>("slowadd", SlowAdds(4, delay: 30), Grouped with { ChunkSize = 1 });

        var status = await futures[0].CancelAsync();

        Assert.Equal(JobState.Cancelled, status.State);
        Assert.Equal(JobState.Cancelled, (await futures[0].Group!.StatusAsync()).State);
        foreach (var future in futures)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => future.GetResultAsync(Patience));
        }
    }

    [Fact]
    public async Task SubmitManyAsync_GroupedBadCall_IsRefusedWholeNamingTheCallLikeABatch()
    {
        var error = await Assert.ThrowsAsync<ComputeApiException>(() => Client.SubmitManyAsync("slowadd", [new { a = 1 }, new { a = 2 }, new { a = "two" }], Grouped));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("jobs[2].parameters.a", error.Field);
    }

    [Fact]
    public async Task SubmitManyAsync_GroupedCallTooLargeForOneChunk_IsRefusedSayingToSubmitItAlone()
    {
        var error = await Assert.ThrowsAsync<ComputeApiException>(() => Client.SubmitManyAsync("square", [new { n = 3 }, new { n = 100_000_000 }], Grouped));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("jobs[1].parameters", error.Field);
        Assert.Contains("job of its own", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroupedCall_OfAKernelWhoseResultIsItsItems_StreamsItsItems()
    {
        var futures = await Client.SubmitManyAsync("square-number", [new { n = 3 }, new { n = 2 }], Grouped);

        var items = new List<long>();
        await foreach (var item in futures[0].ResultsAsync())
        {
            items.Add(item.GetValue<long>());
        }

        Assert.Equal([1L, 4, 9], items);
        Assert.Equal([1L, 4], (await futures[1].ResultsPageAsync()).Items.Select(i => i.GetValue<long>()));
    }

    [Fact]
    public async Task GroupedCall_AsAnotherJobsArgument_IsRefusedByTheClientBeforeAnythingIsSent()
    {
        var futures = await Client.SubmitManyAsync<long>("slowadd", SlowAdds(2), Grouped);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Client.Kernels.SlowAddAsync(futures[0], 1, 0));

        Assert.Contains(futures[0].Id, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitManyAsync_GroupedWithAJobsFutureAsArgument_WaitsForItAndUsesItsResult()
    {
        var first = await Client.Kernels.SlowAddAsync(1, 2, 0.1);

        var futures = await Client.SubmitManyAsync<long>("slowadd", [new { a = first, b = 10, delay = 0.0 }, new { a = 1, b = 1, delay = 0.0 }], Grouped);

        Assert.Equal(new long[] { 13, 2 }, await Task.WhenAll(futures.Select(f => f.GetResultAsync(Patience))));
        Assert.Equal([first.Id], futures[0].Status?.DependsOn);
    }

    [Fact]
    public async Task SubmitManyAsync_GroupedWithAnIdPrefix_IsIdempotent()
    {
        var prefix = $"grouped-{Guid.NewGuid():N}";

        var first = await Client.SubmitManyAsync<long>("slowadd", SlowAdds(3), Grouped with { Id = prefix });
        var again = await Client.SubmitManyAsync<long>("slowadd", SlowAdds(3), Grouped with { Id = prefix });

        Assert.Equal($"{prefix}-0", first[0].Group!.Id);
        Assert.Equal(first.Select(f => f.Id), again.Select(f => f.Id));
        Assert.Equal(new long[] { 1, 2, 3 }, await Task.WhenAll(again.Select(f => f.GetResultAsync(Patience))));
    }

    [Fact]
    public async Task GroupedCall_StatusBeforeItsEnd_IsItsGroupsAndAfterItIsItsOwn()
    {
        var futures = await Client.SubmitManyAsync<JsonElement>("slowadd", [new { a = 2, b = 3, delay = 0.0 }], Grouped);

        await futures[0].WaitAsync(timeout: Patience);
        var status = await futures[0].StatusAsync();

        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal("5", status.ResultJson);
        Assert.Equal("slowadd", status.Kernel);
        Assert.Single(await futures[0].ChunksAsync());
    }
}
