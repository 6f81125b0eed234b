using System.Diagnostics;

namespace GrainCompute.Client.Tests;

[Collection(LocalClusterCollection.Name)]
public sealed class ComputeClientFuturesTests(LocalClusterFixture cluster)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private ComputeClient Client => cluster.Client;

    [Fact]
    public async Task AsCompleted_DifferentDelays_YieldsEachFutureOnceInCompletionOrder()
    {
        var slow = await SlowAsync(a: 1, delay: 2.0);
        var fast = await SlowAsync(a: 2, delay: 0.1);
        var middle = await SlowAsync(a: 3, delay: 1.0);

        var order = new List<ComputeFuture<long>>();
        await foreach (var future in ComputeClient.AsCompleted([slow, fast, middle, fast], Patience))
        {
            Assert.True(future.Done, $"{future.Id} was yielded before it was done");
            order.Add(future);
        }

        Assert.Equal([fast, middle, slow], order);
        var results = await Task.WhenAll(order.Select(f => f.GetResultAsync()));
        Assert.Equal([4L, 5L, 3L], results);
    }

    [Fact]
    public async Task AsCompleted_SomeNotDoneWithinTheTimeout_YieldsTheFinishedThenThrowsTimeout()
    {
        var fast = await SlowAsync(a: 1, delay: 0.1);
        var stuck = await SlowAsync(a: 1, delay: 60);
        var yielded = new List<ComputeFuture<long>>();

        var error = await Assert.ThrowsAsync<TimeoutException>(async () =>
        {
            await foreach (var future in ComputeClient.AsCompleted([stuck, fast], TimeSpan.FromSeconds(3)))
            {
                yielded.Add(future);
            }
        });

        Assert.Equal(fast, Assert.Single(yielded));
        Assert.Contains("1 of 2", error.Message, StringComparison.Ordinal);
        await stuck.CancelAsync();
    }

    [Fact]
    public async Task WaitAsync_FirstCompleted_ReturnsBeforeTheSlowOnesFinish()
    {
        var slow = await Task.WhenAll(SlowAsync(a: 1, delay: 60), SlowAsync(a: 2, delay: 60));
        var fast = await SlowAsync(a: 3, delay: 0.2);
        var clock = Stopwatch.StartNew();

        var (done, notDone) = await ComputeClient.WaitAsync(slow.Append(fast), ReturnWhen.FirstCompleted, Patience);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"FirstCompleted took {clock.Elapsed}, as if it waited for the slow futures");
        Assert.Equal(fast, Assert.Single(done));
        Assert.True(notDone.SetEquals(slow), $"not done: {string.Join(", ", notDone)}; expected the slow ones: {string.Join(", ", slow.AsEnumerable())}");
        await Task.WhenAll(slow.Select(f => f.CancelAsync()));
    }

    [Fact]
    public async Task WaitAsync_FirstException_ReturnsWhenOneFails()
    {
        var slow = await SlowAsync(a: 1, delay: 60);
        var failing = await Client.SubmitAsync<long>("slowadd", new { delay = 60.0 }, new SubmitOptions(Options: new JobOptions(ChunkTimeoutSeconds: 0.3)));
        var fast = await SlowAsync(a: 2, delay: 0.1);

        var (done, notDone) = await ComputeClient.WaitAsync<ComputeFuture<long>>([slow, failing, fast], ReturnWhen.FirstException, Patience);

        Assert.Contains(failing, done);
        Assert.Equal(JobState.Failed, failing.Status?.State);
        Assert.Equal(slow, Assert.Single(notDone));
        await slow.CancelAsync();
    }

    [Fact]
    public async Task WaitAsync_FirstExceptionAndNoneFails_WaitsForAll()
    {
        var futures = await Task.WhenAll(SlowAsync(a: 1, delay: 0.1), SlowAsync(a: 2, delay: 0.6));

        var (done, notDone) = await ComputeClient.WaitAsync(futures, ReturnWhen.FirstException, Patience);

        Assert.True(done.SetEquals(futures), $"done: {string.Join(", ", done)}");
        Assert.Empty(notDone);
    }

    [Fact]
    public async Task WaitAsync_AllCompletedAndTheTimeoutPasses_ReportsWhatIsDoneSoFar()
    {
        var fast = await SlowAsync(a: 1, delay: 0.1);
        var stuck = await SlowAsync(a: 2, delay: 60);

        var (done, notDone) = await ComputeClient.WaitAsync([fast, stuck], ReturnWhen.AllCompleted, TimeSpan.FromSeconds(3));

        Assert.Equal(fast, Assert.Single(done));
        Assert.Equal(stuck, Assert.Single(notDone));
        await stuck.CancelAsync();
    }

    [Fact]
    public async Task WaitAsync_MixedResultTypes_WaitsOnAllOfThem()
    {
        ComputeFuture[] futures = [await SlowAsync(a: 1, delay: 0.1), await Client.SubmitAsync<int>("collatz", new { n = 10 })];

        var (done, notDone) = await ComputeClient.WaitAsync(futures, ReturnWhen.AllCompleted, Patience);

        Assert.Equal(2, done.Count);
        Assert.Empty(notDone);
    }

    private Task<ComputeFuture<long>> SlowAsync(long a, double delay) => Client.Kernels.SlowAddAsync(a, 2, delay);
}
