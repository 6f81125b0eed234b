using System.Collections.Concurrent;
using GrainCompute.Grains;
using Orleans.TestingHost;

namespace GrainCompute.Service.Tests.Jobs;

/// <summary>
/// The keeper (JobKeeper, every 2 s on the oldest silo) wakes the unfinished jobs no silo holds any more, and leaves
/// the ones still active alone.
/// </summary>
public sealed class JobKeeperTests
{
    [Fact]
    public async Task Running_jobs_are_not_called()
    {
        var calls = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        await using var cluster = await ComputeCluster.StartAsync(1, configure: silo => silo.AddIncomingGrainCallFilter(context =>
        {
            if (context.InterfaceMethod?.Name is { } name && name is nameof(IJobGrain.Resume) or nameof(IManagementGrain.GetActiveGrains))
            {
                calls.AddOrUpdate(name, 1, (_, n) => n + 1);
            }

            return context.Invoke();
        }));
        int Count(string method) => calls.TryGetValue(method, out var count) ? count : 0;
        var jobs = Enumerable.Range(0, 5).Select(i => cluster.Client.GetGrain<IJobGrain>($"running-{i}")).ToList();
        foreach (var job in jobs)
        {
            await job.Submit(new JobSpec("test", """{"n": 100, "delayMs": 200}""", ChunkSize: 1)); // 10 s on two worker slots
        }

        // A round of the keeper lists the active jobs first; a round begun after the submits has ended once another begins.
        var listed = Count(nameof(IManagementGrain.GetActiveGrains));
        await Wait.UntilAsync(
            () => Task.FromResult(Count(nameof(IManagementGrain.GetActiveGrains)) >= listed + 2 || Count(nameof(IJobGrain.Resume)) > 0),
            "the keeper has gone over the running jobs",
            TimeSpan.FromSeconds(30));

        foreach (var job in jobs)
        {
            Assert.Equal(JobState.Running, (await job.GetStatus()).State);
        }

        Assert.Equal(0, Count(nameof(IJobGrain.Resume)));
    }

    [Fact]
    public async Task A_job_whose_silo_died_finishes_with_no_one_asking_after_it()
    {
        var store = new InMemoryJobStore();
        await using var cluster = await ComputeCluster.StartAsync(2, store: store);
        var (id, holder) = await SubmitOnTheSecondSiloAsync(cluster, new JobSpec("test", """{"n": 60, "delayMs": 100}""", ChunkSize: 1));

        await cluster.KillSiloAsync(holder);

        // Nothing calls the job from here on: only the keeper can wake it on the survivor.
        await Wait.UntilAsync(
            async () => (await store.ReadAsync(id))?.Finished is not null,
            "the job is finished in the store",
            TimeSpan.FromSeconds(60));
        var stored = await store.ReadAsync(id);
        Assert.Equal((JobState.Completed, "3540", (string?)null), (stored!.State, stored.ResultJson, stored.Error));
    }

    private static async Task<(string Id, InProcessSiloHandle Holder)> SubmitOnTheSecondSiloAsync(InProcessTestCluster cluster, JobSpec spec)
    {
        for (var i = 0; ; i++)
        {
            var id = $"orphan-{i}";
            var status = await cluster.Client.GetGrain<IJobGrain>(id).Submit(spec);
            if (status.HeldBy == cluster.Silos[1].SiloAddress.ToString())
            {
                return (id, cluster.Silos[1]);
            }

            await cluster.Client.GetGrain<IJobGrain>(id).Cancel();
        }
    }
}
