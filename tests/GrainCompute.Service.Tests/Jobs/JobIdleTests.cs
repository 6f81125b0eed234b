using GrainCompute.Grains;
using Orleans.TestingHost;

namespace GrainCompute.Service.Tests.Jobs;

/// <summary>A finished job leaves memory when idle and comes back from the store as it was, without a write; an unfinished one stays.</summary>
public sealed class JobIdleTests
{
    [Fact]
    public async Task A_finished_job_goes_when_idle_and_reads_the_same_when_it_comes_back()
    {
        var store = new InMemoryJobStore();
        await using var cluster = await ComputeCluster.StartAsync(1, store: store);
        var client = cluster.Client;
        var status = await ComputeCluster.RunAsync(client, "done", new JobSpec("test", """{"n": 50, "failAt": 17}""", ChunkSize: 5));
        var results = await ComputeCluster.AllResultsAsync(client, "done", ResultOrder.Completion);

        // Collected once its end is stored (a moment after it ended); until then it stays.
        await Wait.UntilAsync(
            async () =>
            {
                await Management(cluster).ForceActivationCollection(TimeSpan.Zero);
                return await JobActivationsAsync(cluster) == 0;
            },
            "the finished job is collected",
            TimeSpan.FromSeconds(30));
        var epoch = (await store.ReadAsync("done"))!.Epoch;
        var again = await client.GetGrain<IJobGrain>("done").GetStatus();
        var resultsAgain = await ComputeCluster.AllResultsAsync(client, "done", ResultOrder.Completion);

        Assert.Equal((status.State, status.ResultJson, status.Error, status.ChunksDone, status.Finished), (again.State, again.ResultJson, again.Error, again.ChunksDone, again.Finished));
        Assert.Equal(results.Select(r => (r.Index, r.Seq, r.ValueJson, r.Error)), resultsAgain.Select(r => (r.Index, r.Seq, r.ValueJson, r.Error)));
        Assert.Equal(epoch, (await store.ReadAsync("done"))!.Epoch); // read back, not claimed: nothing written
    }

    [Fact]
    public async Task A_running_job_is_not_collected()
    {
        await using var cluster = await ComputeCluster.StartAsync(1);
        var job = cluster.Client.GetGrain<IJobGrain>("running");
        await job.Submit(new JobSpec("test", """{"n": 40, "delayMs": 100}""", ChunkSize: 1));

        await Management(cluster).ForceActivationCollection(TimeSpan.Zero);

        Assert.Equal(1, await JobActivationsAsync(cluster));
        Assert.Equal(JobState.Running, (await job.GetStatus()).State);
    }

    private static IManagementGrain Management(InProcessTestCluster cluster) => cluster.Client.GetGrain<IManagementGrain>(0);

    private static async Task<int> JobActivationsAsync(InProcessTestCluster cluster) =>
        (await Management(cluster).GetSimpleGrainStatistics()).Where(s => s.GrainType.Contains("JobGrain", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
}
