using System.Text.Json;

namespace GrainCompute.Client.Tests.Transports;

/// <summary>
/// One behaviour suite run over every transport a client can have (in-process grains, HTTP, the Orleans gateway):
/// the same calls give the same answers and the same errors, whichever carries them.
/// </summary>
public abstract partial class TransportContractTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    protected abstract ComputeClient Client { get; }

    [Fact]
    public async Task SubmitAsync_SmallJob_ReturnsItsResult()
    {
        var job = await Client.SubmitAsync<int>("collatz", new { n = 10 });

        Assert.Equal(19, await job.GetResultAsync(Patience));
        Assert.Equal(JobState.Completed, job.Status?.State);
    }

    [Fact]
    public async Task SubmitAsync_UnknownKernel_ThrowsBadRequestNamingTheKernelFieldAndTheClosestKernel()
    {
        var error = await Assert.ThrowsAsync<ComputeApiException>(() => Client.SubmitAsync("julai"));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("kernel", error.Field);
        Assert.Contains("julia", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAsync_BadParameter_ThrowsBadRequestNamingTheParameter()
    {
        var error = await Assert.ThrowsAsync<ComputeApiException>(() => Client.SubmitAsync("collatz", new { n = "many" }));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("n", error.Field);
    }

    [Fact]
    public async Task SubmitAsync_FutureAsAParameter_RunsOnItsDependencysResult()
    {
        var first = await Client.Kernels.SlowAddAsync(1, 2, 0.1);

        var second = await Client.Kernels.SlowAddAsync(first, 10, 0.0);

        Assert.Equal(13, await second.GetResultAsync(Patience));
        Assert.Equal([first.Id], second.Status?.DependsOn);
    }

    [Fact]
    public async Task StatusAsync_UnknownJob_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<ComputeApiException>(() => Client.GetJob($"no-such-job-{Guid.NewGuid():N}").StatusAsync());

        Assert.Equal(404, error.StatusCode);
    }

    [Fact]
    public async Task CancelAsync_RunningJob_EndsCancelledAndItsResultThrows()
    {
        var job = await Client.SubmitAsync<long>("slowadd", new { delay = 30.0, count = 4 }, new SubmitOptions(ChunkSize: 1));

        await job.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job.GetResultAsync(Patience));
        Assert.Equal(JobState.Cancelled, job.Status?.State);
    }

    [Fact]
    public async Task ResultsPageAsync_CompletedJob_PagesThroughEveryItemInOrder()
    {
        var job = await Client.SubmitAsync("square-number", new { n = 50 }, new SubmitOptions(ChunkSize: 7));
        await job.WaitAsync(ReturnWhen.AllCompleted, Patience);

        var items = new List<ResultItem>();
        ResultsPage page;
        do
        {
            page = await job.ResultsPageAsync(ResultOrder.Input, items.Count, limit: 20);
            items.AddRange(page.Items);
        }
        while (!page.Complete);

        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i * i), items.Select(i => i.GetValue<long>()));
        Assert.Equal(50, page.NextOffset);
    }

    [Fact]
    public async Task ResultsAsync_CompletionOrder_YieldsEveryItemOnce()
    {
        var job = await Client.SubmitAsync("square-number", new { n = 300 }, new SubmitOptions(ChunkSize: 23));

        var indexes = new List<long>();
        await foreach (var item in job.ResultsAsync(ResultOrder.Completion).WithCancellation(new CancellationTokenSource(Patience).Token))
        {
            indexes.Add(item.Index);
        }

        Assert.Equal(Enumerable.Range(0, 300).Select(i => (long)i), indexes.Order());
    }

    [Fact]
    public async Task SubmitManyAsync_Hundreds_EachResultIsItsOwnAndWaitAsyncSeesAllDone()
    {
        var futures = await Client.SubmitManyAsync<long>("slowadd", Enumerable.Range(0, 300).Select(i => (object?)new { a = i, b = 1, delay = 0.0 }));

        var (done, notDone) = await ComputeClient.WaitAsync(futures, ReturnWhen.AllCompleted, Patience);

        Assert.Empty(notDone);
        Assert.Equal(300, done.Count);
        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), await Task.WhenAll(futures.Select(f => f.GetResultAsync(TimeSpan.Zero))));
    }

    [Fact]
    public async Task SubmitManyAsync_OneBadEntry_RefusesAllNamingTheEntryByItsIndex()
    {
        var prefix = $"contract-bad-{Guid.NewGuid():N}";

        var error = await Assert.ThrowsAsync<ComputeApiException>(() =>
            Client.SubmitManyAsync("noop", Enumerable.Range(0, 10).Select(i => (object?)new { n = i == 6 ? 0 : 1 }), new SubmitOptions(Id: prefix)));

        Assert.Equal(400, error.StatusCode);
        Assert.StartsWith("jobs[6].", error.Field, StringComparison.Ordinal);
        Assert.Equal(404, (await Assert.ThrowsAsync<ComputeApiException>(() => Client.AttachAsync($"{prefix}-0"))).StatusCode);
    }

    [Fact]
    public async Task WaitAsync_FirstCompleted_ReturnsTheFastOneWhileTheSlowOnesRun()
    {
        var slow = await Client.SubmitManyAsync<long>("slowadd", Enumerable.Range(0, 5).Select(i => (object?)new { a = i, delay = 60.0 }));
        var fast = await Client.Kernels.SlowAddAsync(1, 2, 0.2);

        var (done, notDone) = await ComputeClient.WaitAsync(slow.Append(fast), ReturnWhen.FirstCompleted, Patience);

        Assert.Equal(fast, Assert.Single(done));
        Assert.True(notDone.SetEquals(slow), $"not done: {notDone.Count}; expected the {slow.Count} slow ones");
        await Task.WhenAll(slow.Select(f => f.CancelAsync()));
    }

    [Fact]
    public async Task WaitAsync_ZeroTimeout_OnJobsThatFinishedEarlier_SeesThemDone()
    {
        var jobs = await Client.SubmitManyAsync<int>("collatz", [new { n = 3 }, new { n = 6 }, new { n = 7 }]);
        await ComputeClient.WaitAsync(jobs, ReturnWhen.AllCompleted, Patience);
        var unseen = jobs.Select(job => Client.GetJob(job.Id)).ToList(); // futures that know nothing yet

        var outcome = await ComputeClient.WaitAsync(unseen, ReturnWhen.AllCompleted, TimeSpan.Zero);

        Assert.Equal(unseen.Count, outcome.Done.Count);
        Assert.Empty(outcome.NotDone);
    }

    [Fact]
    public async Task AsCompleted_DifferentDelays_YieldsEachFutureOnceInTheOrderTheyFinish()
    {
        var slow = await Client.Kernels.SlowAddAsync(1, 2, 2.0);
        var fast = await Client.Kernels.SlowAddAsync(2, 2, 0.1);
        var middle = await Client.Kernels.SlowAddAsync(3, 2, 1.0);

        var order = new List<ComputeFuture<long>>();
        await foreach (var future in ComputeClient.AsCompleted([slow, fast, middle, fast], Patience))
        {
            Assert.True(future.Done, $"{future.Id} was yielded before it was done");
            order.Add(future);
        }

        Assert.Equal([fast, middle, slow], order);
    }

    [Fact]
    public async Task KernelsAndClusterAndJobs_ListWhatTheClusterHas()
    {
        var job = await Client.SubmitAsync<int>("collatz", new { n = 5 });
        await job.GetResultAsync(Patience);

        var kernels = await Client.KernelsAsync();
        var cluster = await Client.ClusterAsync();
        var jobs = await Client.JobsAsync(limit: 10_000);

        var collatz = Assert.Single(kernels, k => k.Name == "collatz");
        Assert.Contains(collatz.Parameters, p => p.Name == "n");
        Assert.NotEmpty(collatz.Silos);
        Assert.Contains(cluster.Silos, s => s.Status == "active");
        Assert.Contains(jobs, j => j.Id == job.Id);
    }

    [Fact]
    public async Task AttachAsync_SubmittedJob_ReadsItsResult()
    {
        var job = await Client.SubmitAsync("isprime", new { n = 97 });

        var attached = await Client.AttachAsync<JsonElement>(job.Id);

        Assert.True((await attached.GetResultAsync(Patience)).GetProperty("isPrime").GetBoolean());
    }
}
