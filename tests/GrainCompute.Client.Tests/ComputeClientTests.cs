namespace GrainCompute.Client.Tests;

[Collection(LocalClusterCollection.Name)]
public sealed class ComputeClientTests(LocalClusterFixture cluster)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private ComputeClient Client => cluster.Client;

    [Fact]
    public async Task SubmitAsync_SmallJob_WaitsAndReturnsTheResult()
    {
        var job = await Client.SubmitAsync("collatz", new { n = 10 });

        var outcome = await job.WaitAsync(ReturnWhen.AllCompleted, Patience);
        var longestChain = await job.ResultAsync<int>();

        Assert.True(outcome.Satisfied, $"job {job.Id} did not finish within {Patience}: {outcome.Status.State}");
        Assert.Equal(JobState.Completed, outcome.Status.State);
        Assert.Equal(19, longestChain);
    }

    [Fact]
    public async Task ResultsAsync_InputOrder_YieldsEveryItemInIndexOrder()
    {
        var job = await Client.SubmitAsync("square-number", new { n = 500 }, new SubmitOptions(ChunkSize: 37));

        var items = await ToListAsync(job.ResultsAsync(ResultOrder.Input));

        Assert.Equal(Enumerable.Range(0, 500).Select(i => (long)i), items.Select(i => i.Index));
        Assert.All(items, item => Assert.Equal((item.Index + 1) * (item.Index + 1), item.GetValue<long>()));
    }

    [Fact]
    public async Task ResultsAsync_CompletionOrder_YieldsTheSameItemsAsInputOrder()
    {
        var job = await Client.SubmitAsync("square-number", new { n = 500 }, new SubmitOptions(ChunkSize: 37));

        var byCompletion = await ToListAsync(job.ResultsAsync(ResultOrder.Completion));
        var byInput = await ToListAsync(job.ResultsAsync(ResultOrder.Input));

        Assert.Equal(500, byCompletion.Count);
        Assert.Equal(byInput.Select(i => (i.Index, i.GetValue<long>())).ToHashSet(), byCompletion.Select(i => (i.Index, i.GetValue<long>())).ToHashSet());
        Assert.True(byCompletion.Zip(byCompletion.Skip(1)).All(p => p.First.Seq <= p.Second.Seq), "completion order must not go back in Seq");
    }

    [Fact]
    public async Task ResultsAsync_FromAnOffset_ContinuesWithoutGapOrDuplicate()
    {
        var job = await Client.SubmitAsync("square-number", new { n = 100 }, new SubmitOptions(ChunkSize: 10));

        var rest = await ToListAsync(job.ResultsAsync(ResultOrder.Input, offset: 42));

        Assert.Equal(Enumerable.Range(42, 58).Select(i => (long)i), rest.Select(i => i.Index));
    }

    [Fact]
    public async Task ResultsAsync_StreamBreaks_ResumesWithoutGapOrDuplicate()
    {
        var submitted = await Client.SubmitAsync("square-number", new { n = 2000 }, new SubmitOptions(ChunkSize: 100));
        await submitted.WaitAsync(ReturnWhen.AllCompleted, Patience);
        await using var proxy = new BreakingProxy(Client.Gateway, cutAfterBytes: 4096);
        await using var client = await ComputeClient.ConnectAsync([proxy.Address]);

        var items = await ToListAsync(client.GetJob(submitted.Id).ResultsAsync(ResultOrder.Input));

        Assert.Equal(1, proxy.Breaks);
        Assert.Equal(Enumerable.Range(0, 2000).Select(i => (long)i), items.Select(i => i.Index));
    }

    [Fact]
    public async Task MapAsync_YieldsTypedValuesInInputOrder()
    {
        var values = new List<long>();
        await foreach (var value in Client.MapAsync<long>("square-number", new { n = 200 }, chunkSize: 7))
        {
            values.Add(value);
        }

        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i * i), values);
    }

    [Fact]
    public async Task MapAsync_ListParameter_YieldsOneValuePerNumber()
    {
        var sums = new List<long>();
        await foreach (var sum in Client.MapAsync<long>("sumprimes", new { numbers = new[] { 10, 100 } }))
        {
            sums.Add(sum);
        }

        Assert.Equal([17L, 1060L], sums);
    }

    [Fact]
    public async Task SubmitAsync_UnknownKernel_ThrowsApiExceptionNamingTheKernelField()
    {
        var error = await Assert.ThrowsAsync<ComputeApiException>(() => Client.SubmitAsync("julai"));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("kernel", error.Field);
        Assert.Contains("julia", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAsync_BadParameter_ThrowsApiExceptionNamingTheParameter()
    {
        var error = await Assert.ThrowsAsync<ComputeApiException>(() => Client.SubmitAsync("collatz", new { n = "many" }));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("n", error.Field);
    }

    [Fact]
    public async Task StatusAsync_UnknownJob_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<ComputeApiException>(() => Client.GetJob("no-such-job").StatusAsync());

        Assert.Equal(404, error.StatusCode);
    }

    [Fact]
    public async Task CancelAsync_RunningJob_EndsCancelledAndResultThrows()
    {
        var job = await Client.SubmitAsync("slowadd", new { delay = 30.0, count = 8 }, new SubmitOptions(ChunkSize: 1));

        await job.CancelAsync();
        var outcome = await job.WaitAsync(ReturnWhen.AllCompleted, Patience);

        Assert.Equal(JobState.Cancelled, outcome.Status.State);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job.ResultAsync<long>());
    }

    [Fact]
    public async Task ResultAsync_FailedJob_ThrowsTaskFailedWithJobId()
    {
        var job = await Client.SubmitAsync("slowadd", new { delay = 30.0, count = 1 }, new SubmitOptions(Options: new JobOptions(ChunkTimeoutSeconds: 0.2)));

        var error = await Assert.ThrowsAsync<ComputeTaskFailedException>(() => job.ResultAsync<long>());

        Assert.Equal(job.Id, error.JobId);
        Assert.False(string.IsNullOrEmpty(error.RemoteMessage));
    }

    [Fact]
    public async Task ConnectAsync_FirstGatewayDown_FailsOverToTheNext()
    {
        var down = new Uri("http://127.0.0.1:1/");

        await using var client = await ComputeClient.ConnectAsync([down, Client.Gateway]);
        var kernels = await client.KernelsAsync();

        Assert.Equal(Client.Gateway, client.Gateway);
        Assert.Contains(kernels, k => k.Name == "isprime");
    }

    [Fact]
    public async Task ConnectAsync_NoGatewayAnswers_ThrowsUnreachableNamingTheAddress()
    {
        var error = await Assert.ThrowsAsync<ComputeUnreachableException>(() => ComputeClient.ConnectAsync([new Uri("http://127.0.0.1:1/")]));

        Assert.Contains("127.0.0.1:1", error.Message, StringComparison.Ordinal);
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
