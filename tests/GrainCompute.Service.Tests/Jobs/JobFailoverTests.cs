using GrainCompute.Grains;
using Orleans.TestingHost;

namespace GrainCompute.Service.Tests.Jobs;

public sealed class JobFailoverTests
{
    [Fact]
    public async Task Killing_the_silo_holding_the_job_grain_loses_nothing_and_streams_see_no_gap_or_duplicate()
    {
        await using var cluster = await ComputeCluster.StartAsync(3);
        var (id, holder) = await SubmitOnAnySiloButTheFirstAsync(cluster, new JobSpec("test", """{"n": 400, "delayMs": 10}""", ChunkSize: 2));
        var client = cluster.Client;
        await Wait.UntilAsync(async () => (await client.GetGrain<IJobGrain>(id).GetStatus()).ChunksDone >= 40, "a fifth of the chunks are done", TimeSpan.FromSeconds(30), poll: TimeSpan.FromMilliseconds(5));
        var before = await ComputeCluster.AllResultsAsync(client, id, ResultOrder.Completion, pageSize: 1_000_000, untilComplete: false);

        await cluster.KillSiloAsync(holder);
        var status = await WaitForEndAsync(client, id);
        var after = await ComputeCluster.AllResultsAsync(client, id, ResultOrder.Completion);

        Assert.True(status.State == JobState.Completed, $"the job ended {status.State}: {status.Error}");
        Assert.Equal("159600", status.ResultJson);
        Assert.Equal(before.Select(r => r.Index), after.Take(before.Count).Select(r => r.Index));
        Assert.Equal(Enumerable.Range(0, 400).Select(i => (long)i), after.Select(r => r.Index).Order());
        Assert.NotEqual(holder.SiloAddress.ToString(), status.HeldBy);
    }

    [Fact]
    public async Task Killing_a_worker_silo_reruns_its_chunks_elsewhere_without_spending_retries()
    {
        await using var cluster = await ComputeCluster.StartAsync(3);
        var client = cluster.Client;
        var job = client.GetGrain<IJobGrain>("survives-workers");
        await job.Submit(new JobSpec("test", """{"n": 300, "delayMs": 10}""", ChunkSize: 3));
        var victim = await WorkerOnlySiloAsync(cluster, job);
        await Wait.UntilAsync(async () => (await job.GetStatus()).ChunksDone >= 20, "some chunks are done", TimeSpan.FromSeconds(30), poll: TimeSpan.FromMilliseconds(5));

        await cluster.KillSiloAsync(victim);
        var status = await WaitForEndAsync(client, "survives-workers");

        Assert.True(status.State == JobState.Completed, $"the job ended {status.State}: {status.Error}");
        Assert.Equal("89700", status.ResultJson);
        Assert.Equal(0, status.ChunksFailed);
    }

    [Fact]
    public async Task A_worker_silo_leaving_gracefully_finishes_its_chunks_and_loses_none()
    {
        await using var cluster = await ComputeCluster.StartAsync(3);
        var client = cluster.Client;
        var job = client.GetGrain<IJobGrain>("graceful");
        await job.Submit(new JobSpec("test", """{"n": 300, "delayMs": 10}""", ChunkSize: 3));
        var leaving = await WorkerOnlySiloAsync(cluster, job);
        await Wait.UntilAsync(async () => (await job.GetStatus()).ChunksDone >= 20, "some chunks are done", TimeSpan.FromSeconds(30), poll: TimeSpan.FromMilliseconds(5));

        await cluster.StopSiloAsync(leaving);
        var status = await WaitForEndAsync(client, "graceful");
        var chunks = await job.GetChunks();

        Assert.True(status.State == JobState.Completed, $"the job ended {status.State}: {status.Error}");
        Assert.Equal("89700", status.ResultJson);
        Assert.All(chunks, c => Assert.Equal(1, c.Attempts));
    }

    [Fact]
    public async Task A_silo_joining_mid_job_receives_chunks()
    {
        await using var cluster = await ComputeCluster.StartAsync(1);
        var client = cluster.Client;
        var job = client.GetGrain<IJobGrain>("scale-out");
        await job.Submit(new JobSpec("test", """{"n": 300, "delayMs": 20}""", ChunkSize: 1));
        await Wait.UntilAsync(async () => (await job.GetStatus()).ChunksDone >= 10, "the job is under way", TimeSpan.FromSeconds(30), poll: TimeSpan.FromMilliseconds(5));

        var newcomer = await cluster.StartAdditionalSiloAsync();
        var status = await WaitForEndAsync(client, "scale-out");

        Assert.Equal(JobState.Completed, status.State);
        Assert.Contains(status.Silos, s => s.Silo == newcomer.SiloAddress.ToString() && s.Chunks > 0);
    }

    /// <summary>Submits jobs until one is held by a silo other than the first (the one the test keeps).</summary>
    private static async Task<(string Id, InProcessSiloHandle Holder)> SubmitOnAnySiloButTheFirstAsync(InProcessTestCluster cluster, JobSpec spec)
    {
        for (var i = 0; ; i++)
        {
            var id = $"failover-{i}";
            var status = await cluster.Client.GetGrain<IJobGrain>(id).Submit(spec);
            if (status.HeldBy != cluster.Silos[0].SiloAddress.ToString())
            {
                return (id, cluster.SiloAt(status.HeldBy));
            }
        }
    }

    /// <summary>A silo that runs chunks of the job but does not hold its grain, and is not the first silo.</summary>
    private static async Task<InProcessSiloHandle> WorkerOnlySiloAsync(InProcessTestCluster cluster, IJobGrain job)
    {
        var holder = (await job.GetStatus()).HeldBy;
        return cluster.Silos.Skip(1).First(s => s.SiloAddress.ToString() != holder);
    }

    private static async Task<JobStatus> WaitForEndAsync(IGrainFactory client, string id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            try
            {
                var outcome = await client.GetGrain<IJobGrain>(id).Wait(ReturnWhen.AllCompleted, 5);
                if (outcome.Satisfied)
                {
                    return outcome.Status;
                }
            }
            catch (Exception exception) when (exception is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException)
            {
                // The job's silo just died: the next call re-activates it on a survivor.
            }

            if (timeout.IsCancellationRequested)
            {
                var chunks = await client.GetGrain<IJobGrain>(id).GetChunks();
                Assert.Fail($"job {id} did not finish within 60 s: {await client.GetGrain<IJobGrain>(id).GetStatus()}; unfinished: {string.Join(", ", chunks.Where(c => c.State is FutureState.Pending or FutureState.Running).Take(5))}");
            }
        }
    }
}
