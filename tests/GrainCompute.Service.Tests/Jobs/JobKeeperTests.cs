using System.Runtime.CompilerServices;
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
        var resumes = new StrongBox<int>();
        await using var cluster = await ComputeCluster.StartAsync(1, configure: silo => silo.AddIncomingGrainCallFilter(context =>
        {
            if (context.InterfaceMethod?.Name == nameof(IJobGrain.Resume))
            {
                Interlocked.Increment(ref resumes.Value);
            }

            return context.Invoke();
        }));
        var jobs = Enumerable.Range(0, 5).Select(i => cluster.Client.GetGrain<IJobGrain>($"running-{i}")).ToList();
        foreach (var job in jobs)
        {
            await job.Submit(new JobSpec("test", """{"n": 100, "delayMs": 200}""", ChunkSize: 1)); // 10 s on two worker slots
        }

        await Task.Delay(TimeSpan.FromSeconds(5)); // two rounds of the keeper at least

        foreach (var job in jobs)
        {
            Assert.Equal(JobState.Running, (await job.GetStatus()).State);
        }

        Assert.Equal(0, Volatile.Read(ref resumes.Value));
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
