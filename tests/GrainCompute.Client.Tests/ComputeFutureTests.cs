using System.Text.Json;

namespace GrainCompute.Client.Tests;

[Collection(LocalClusterCollection.Name)]
public sealed class ComputeFutureTests(LocalClusterFixture cluster)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private ComputeClient Client => cluster.Client;

    [Fact]
    public async Task GetResultAsync_FinishesInTime_ReturnsTheTypedResultAndIsDone()
    {
        var future = await Client.SubmitAsync<long>("slowadd", new { a = 2, b = 3, delay = 0.2 });

        var sum = await future.GetResultAsync(Patience);

        Assert.Equal(5, sum);
        Assert.True(future.Done, $"job {future.Id} returned a result but is not done: {future.Status?.State}");
        Assert.Equal(JobState.Completed, future.Status?.State);
    }

    [Fact]
    public async Task GetResultAsync_NotDoneWithinTheTimeout_ThrowsTimeoutAndTheJobGoesOn()
    {
        var future = await Client.SubmitAsync<long>("slowadd", new { delay = 30.0 });

        var error = await Assert.ThrowsAsync<TimeoutException>(() => future.GetResultAsync(TimeSpan.FromMilliseconds(300)));

        Assert.Contains(future.Id, error.Message, StringComparison.Ordinal);
        Assert.False(future.Done);
        Assert.False((await future.StatusAsync()).IsFinished);
        await future.CancelAsync();
    }

    [Fact]
    public async Task GetResultAsync_FailedJob_ThrowsTaskFailedWithRemoteTypeMessageAndTheFuturesId()
    {
        var future = await Client.SubmitAsync<long>("slowadd", new { delay = 30.0 }, new SubmitOptions(Options: new JobOptions(ChunkTimeoutSeconds: 0.2)));

        var error = await Assert.ThrowsAsync<ComputeTaskFailedException>(() => future.GetResultAsync(Patience));

        Assert.Equal(future.Id, error.JobId);
        Assert.Equal("TimeoutException", error.RemoteType);
        Assert.Contains("timeout", error.RemoteMessage, StringComparison.Ordinal);
        Assert.Equal(JobState.Failed, future.Status?.State);
    }

    [Fact]
    public async Task GetExceptionAsync_FailedJob_ReturnsTheFailure()
    {
        var future = await Client.SubmitAsync<long>("slowadd", new { delay = 30.0 }, new SubmitOptions(Options: new JobOptions(ChunkTimeoutSeconds: 0.2)));

        var failure = await future.GetExceptionAsync(Patience);

        Assert.NotNull(failure);
        Assert.Equal(future.Id, failure.JobId);
        Assert.Equal("TimeoutException", failure.RemoteType);
    }

    [Fact]
    public async Task GetExceptionAsync_CompletedJob_ReturnsNull()
    {
        var future = await Client.SubmitAsync<int>("collatz", new { n = 10 });

        Assert.Null(await future.GetExceptionAsync(Patience));
        Assert.Equal(19, await future.GetResultAsync());
    }

    [Fact]
    public async Task OnCompleted_JobEndsLater_CallsTheCallbackOnceWithTheFuture()
    {
        var future = await Client.SubmitAsync<long>("slowadd", new { a = 20, b = 22, delay = 0.5 });
        var calls = 0;
        var called = new TaskCompletionSource<ComputeFuture<long>>(TaskCreationOptions.RunContinuationsAsynchronously);

        future.OnCompleted(f =>
        {
            Interlocked.Increment(ref calls);
            called.TrySetResult(f);
        });
        var seen = await called.Task.WaitAsync(Patience);
        var later = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        future.OnCompleted(_ => later.TrySetResult());
        await later.Task.WaitAsync(Patience);

        Assert.Same(future, seen);
        Assert.True(seen.Done, "the callback ran before the future was done");
        Assert.Equal(42, await seen.GetResultAsync(TimeSpan.Zero));
        Assert.Equal(1, Volatile.Read(ref calls));
    }

    [Fact]
    public async Task OnCompleted_AlreadyDone_CallsTheCallbackAtOnce()
    {
        var future = await Client.SubmitAsync<int>("collatz", new { n = 10 });
        await future.GetResultAsync(Patience);
        var called = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        future.OnCompleted(_ => called.TrySetResult());

        await called.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task SubmitAsync_FutureAsArgument_DependentJobGetsTheEarlierResult()
    {
        var x = await Client.SubmitAsync<long>("slowinc", new { x = 1, delay = 0.3 });

        var y = await Client.SubmitAsync<long>("slowadd", new { a = x, b = 10, delay = 0 });

        Assert.Equal(x.Id, Assert.Single(y.Submitted?.DependsOn ?? []));
        Assert.Equal(12, await y.GetResultAsync(Patience));
    }

    [Fact]
    public async Task SubmitAsync_JobHandleByIdInADictionary_IsADependency()
    {
        var x = await Client.SubmitAsync<long>("slowinc", new { x = 4, delay = 0.1 });

        var y = await Client.SubmitAsync("slowinc", new Dictionary<string, object?> { ["x"] = Client.GetJob(x.Id), ["delay"] = 0 });

        Assert.Equal(6, (await y.GetResultAsync(Patience)).GetInt64());
    }

    [Fact]
    public async Task SubmitAsync_FailedDependency_FailsTheDependentJob()
    {
        var x = await Client.SubmitAsync<long>("slowinc", new { delay = 30.0 }, new SubmitOptions(Options: new JobOptions(ChunkTimeoutSeconds: 0.2)));

        var y = await Client.SubmitAsync<long>("slowinc", new { x });

        var error = await Assert.ThrowsAsync<ComputeTaskFailedException>(() => y.GetResultAsync(Patience));
        Assert.Equal(y.Id, error.JobId);
        Assert.Contains("dependency failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AttachAsync_UnknownJob_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<ComputeApiException>(() => Client.AttachAsync("no-such-job"));

        Assert.Equal(404, error.StatusCode);
    }

    [Fact]
    public async Task AttachAsync_FromASecondClient_ReadsEveryResultExactlyOnceInEitherOrder()
    {
        var submitted = await Client.SubmitAsync("slowinc", new { x = 1, delay = 0.2, count = 8 }, new SubmitOptions(ChunkSize: 1));
        await using var second = await ComputeClient.ConnectAsync([Client.Gateway]);

        var attached = await second.AttachAsync<long>(submitted.Id);
        var byCompletion = await ToListAsync(attached.ResultsAsync(ResultOrder.Completion));
        var byInput = await ToListAsync(attached.ResultsAsync(ResultOrder.Input));

        Assert.Equal(submitted.Id, attached.Id);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => (long)i), byCompletion.Select(i => i.Index).Order());
        Assert.Equal(Enumerable.Range(0, 8).Select(i => (long)i), byInput.Select(i => i.Index));
        Assert.All(byCompletion.Concat(byInput), item => Assert.Equal(2, item.GetValue<long>()));
        Assert.Equal(16, await attached.GetResultAsync(Patience));
    }

    private static async Task<List<ResultItem>> ToListAsync(IAsyncEnumerable<ResultItem> items)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var list = new List<ResultItem>();
        await foreach (var item in items.WithCancellation(timeout.Token))
        {
            list.Add(item);
        }

        return list;
    }
}
