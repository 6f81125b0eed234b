using GrainCompute.Testing;

namespace GrainCompute.Client.Tests;

/// <summary>A call of a future group that fails fails its own future only.</summary>
public sealed class GroupedFuturesTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_failing_call_fails_its_future_with_the_remote_error_and_the_other_calls_complete()
    {
        await using var client = await ComputeClient.StartLocalAsync(new LocalClusterOptions { WorkerSlots = 2 }.AddKernel<OddOnlyKernel>());

        var futures = await client.SubmitManyAsync<long>("odd-only", Enumerable.Range(1, 6).Select(n => (object?)new { n }), new SubmitOptions(ChunkSize: 3, Grouped: true));
        var (done, _) = await ComputeClient.WaitAsync(futures, timeout: Patience);

        Assert.Equal(6, done.Count);
        foreach (var (future, n) in futures.Select((f, i) => (f, i + 1)))
        {
            if (n % 2 == 1)
            {
                Assert.Equal(n, await future.GetResultAsync());
                continue;
            }

            var failure = await Assert.ThrowsAsync<ComputeTaskFailedException>(() => future.GetResultAsync());
            Assert.Equal(future.Id, failure.JobId);
            Assert.Equal("InvalidOperationException", failure.RemoteType);
            Assert.Equal($"{n} is even", failure.RemoteMessage);
            Assert.Equal(JobState.Failed, future.Status?.State);
        }

        var group = await futures[0].Group!.StatusAsync();
        Assert.Equal(JobState.Completed, group.State);
        Assert.Equal("""{"calls":6,"failed":3}""", group.ResultJson);
    }

    [Fact]
    public async Task A_chunk_failing_whole_fails_the_calls_it_held_with_the_groups_error()
    {
        await using var client = await ComputeClient.StartLocalAsync(new LocalClusterOptions { WorkerSlots = 2 });

        // Calls of 30 s in chunks with a 1 s timeout: every chunk fails whole, so no call brings an item.
        var futures = await client.SubmitManyAsync<long>("slowadd", Enumerable.Range(0, 4).Select(i => (object?)new { a = i, b = 0, delay = 30.0 }), new SubmitOptions(ChunkSize: 2, Options: new JobOptions(ChunkTimeoutSeconds: 1), Grouped: true));

        foreach (var future in futures)
        {
            var failure = await Assert.ThrowsAsync<ComputeTaskFailedException>(() => future.GetResultAsync(Patience));
            Assert.Contains("TimeoutException", failure.Error, StringComparison.Ordinal);
        }

        Assert.Equal(JobState.Failed, (await futures[0].Group!.StatusAsync()).State);
    }
}
