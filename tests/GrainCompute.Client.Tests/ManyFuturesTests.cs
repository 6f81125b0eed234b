using System.Diagnostics;

namespace GrainCompute.Client.Tests;

/// <summary>Thousands of small futures against the embedded silo: SubmitManyAsync, then WaitAsync or AsCompleted over the batch endpoints.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class ManyFuturesTests(LocalClusterFixture cluster)
{
    private const int Many = 3_000;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private ComputeClient Client => cluster.Client;

    [Fact]
    public async Task SubmitManyAsync_ThousandsOfNoops_WaitAsyncFindsEachCompletedWithItsOwnItemCount()
    {
        var futures = await Client.SubmitManyAsync<long>("noop", Enumerable.Range(0, Many).Select(i => (object?)new { n = 1 + (i % 7) }));

        var (done, notDone) = await ComputeClient.WaitAsync(futures, ReturnWhen.AllCompleted, Patience);

        Assert.Empty(notDone);
        Assert.Equal(Many, done.Count);
        Assert.Equal(Many, futures.Select(f => f.Id).Distinct().Count());
        Assert.All(futures.Select((f, i) => (f, i)), p =>
        {
            Assert.Equal(JobState.Completed, p.f.Status?.State);
            Assert.Equal(1 + (p.i % 7), p.f.Status?.Items);
        });
        Assert.All(await Task.WhenAll(futures.Select(f => f.GetResultAsync())), result => Assert.Equal(0, result));
    }

    [Fact]
    public async Task SubmitManyAsync_ThousandsOfAdds_EveryResultIsItsOwnInOrder()
    {
        var futures = await Client.SubmitManyAsync<long>("slowadd", Enumerable.Range(0, Many).Select(i => (object?)new { a = i, b = 1, delay = 0.0 }));

        await ComputeClient.WaitAsync(futures, ReturnWhen.AllCompleted, Patience);
        var results = await Task.WhenAll(futures.Select(f => f.GetResultAsync(TimeSpan.Zero)));

        Assert.Equal(Enumerable.Range(1, Many).Select(i => (long)i), results);
    }

    [Fact]
    public async Task AsCompleted_ThousandsOfNoops_YieldsEachFutureExactlyOnceWhenDone()
    {
        var futures = await Client.SubmitManyAsync<long>("noop", Enumerable.Range(0, Many).Select(_ => (object?)new { n = 1 }));

        var yielded = new List<ComputeFuture<long>>();
        await foreach (var future in ComputeClient.AsCompleted(futures, Patience))
        {
            Assert.True(future.Done, $"{future.Id} was yielded before it was done");
            yielded.Add(future);
        }

        Assert.Equal(Many, yielded.Count);
        Assert.True(yielded.ToHashSet().SetEquals(futures), "every future, none twice, none foreign");
        Assert.All(yielded, f => Assert.Equal(JobState.Completed, f.Status?.State));
    }

    [Fact]
    public async Task WaitAsync_FirstCompletedAmongManySlowOnes_ReturnsTheFastOneOnly()
    {
        var slow = await Client.SubmitManyAsync<long>("slowadd", Enumerable.Range(0, 20).Select(i => (object?)new { a = i, delay = 60.0 }));
        var fast = await Client.Kernels.SlowAddAsync(1, 2, 0.2);
        var clock = Stopwatch.StartNew();

        var (done, notDone) = await ComputeClient.WaitAsync(slow.Append(fast), ReturnWhen.FirstCompleted, Patience);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"FirstCompleted took {clock.Elapsed}, as if it waited for the slow futures");
        Assert.Equal(fast, Assert.Single(done));
        Assert.True(notDone.SetEquals(slow), $"not done: {notDone.Count}; expected the {slow.Count} slow ones");
        await Task.WhenAll(slow.Select(f => f.CancelAsync()));
    }

    [Fact]
    public async Task WaitAsync_FirstExceptionAmongManyCompleting_ReturnsAtTheFailure()
    {
        var quick = await Client.SubmitManyAsync<long>("slowadd", Enumerable.Range(0, 200).Select(i => (object?)new { a = i, delay = 0.0 }));
        var slow = await Client.SubmitManyAsync<long>("slowadd", Enumerable.Range(0, 5).Select(i => (object?)new { a = i, delay = 60.0 }));
        var failing = await Client.SubmitAsync<long>("slowadd", new { delay = 60.0 }, new SubmitOptions(Options: new JobOptions(ChunkTimeoutSeconds: 0.3)));

        var (done, notDone) = await ComputeClient.WaitAsync([.. quick, .. slow, failing], ReturnWhen.FirstException, Patience);

        Assert.Contains(failing, done);
        Assert.Equal(JobState.Failed, failing.Status?.State);
        Assert.True(notDone.SetEquals(slow), $"not done: {notDone.Count}; expected the {slow.Count} slow ones");
        await Task.WhenAll(slow.Select(f => f.CancelAsync()));
    }

    [Fact]
    public async Task SubmitManyAsync_OneBadEntry_RefusesTheBatchNamingTheEntryAndSubmitsNothing()
    {
        var prefix = $"bad-batch-{Guid.NewGuid():N}";

        var error = await Assert.ThrowsAsync<ComputeApiException>(() =>
            Client.SubmitManyAsync("noop", Enumerable.Range(0, 10).Select(i => (object?)new { n = i == 3 ? 0 : 1 }), new SubmitOptions(Id: prefix)));

        Assert.Equal(400, error.StatusCode);
        Assert.StartsWith("jobs[3].", error.Field, StringComparison.Ordinal);
        var missing = await Assert.ThrowsAsync<ComputeApiException>(() => Client.AttachAsync($"{prefix}-0"));
        Assert.Equal(404, missing.StatusCode);
    }

    [Fact]
    public async Task SubmitManyAsync_SameIdPrefixTwice_ReturnsTheSameJobs()
    {
        var options = new SubmitOptions(Id: $"twice-{Guid.NewGuid():N}");
        var entries = Enumerable.Range(0, 50).Select(i => (object?)new { a = i, delay = 0.0 }).ToList();

        var first = await Client.SubmitManyAsync<long>("slowadd", entries, options);
        var second = await Client.SubmitManyAsync<long>("slowadd", entries, options);
        await ComputeClient.WaitAsync(second, ReturnWhen.AllCompleted, Patience);

        Assert.Equal(first.Select(f => f.Id), second.Select(f => f.Id));
        Assert.Equal(first.Select(f => f.Submitted!.Submitted), second.Select(f => f.Submitted!.Submitted));
        Assert.Equal(Enumerable.Range(2, 50).Select(i => (long)i), await Task.WhenAll(second.Select(f => f.GetResultAsync(TimeSpan.Zero))));
    }
}
