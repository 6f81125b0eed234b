using GrainCompute.Grains;

namespace GrainCompute.Service.Tests.Jobs;

/// <summary>More jobs than a silo runs at once: they queue instead of failing, and only a full queue refuses.</summary>
public sealed class JobQueueingTests
{
    [Fact]
    public async Task Jobs_beyond_the_limit_queue_and_all_complete_with_no_more_running_than_allowed()
    {
        await using var cluster = await ComputeCluster.StartAsync(1, new ComputeOptions { MaxConcurrentJobs = 2 });
        var jobs = Enumerable.Range(0, 8).Select(i => cluster.Client.GetGrain<IJobGrain>($"burst-{i}")).ToList();

        var submitted = await Task.WhenAll(jobs.Select((job, i) => job.Submit(new JobSpec("test", $$"""{"n": 4, "delayMs": 100, "tag": "burst-{{i}}"}""", ChunkSize: 1))));
        var mostRunning = 0;
        while (true)
        {
            var statuses = await Task.WhenAll(jobs.Select(job => job.GetStatus()));
            mostRunning = Math.Max(mostRunning, statuses.Count(s => s.State == JobState.Running));
            if (statuses.All(s => s.IsFinished))
            {
                Assert.All(statuses, s => Assert.Equal("12", s.ResultJson)); // 2·(0+1+2+3)
                break;
            }

            await Task.Delay(20);
        }

        Assert.Equal(6, submitted.Count(s => s.State == JobState.Queued));
        Assert.Equal(2, mostRunning);
    }

    [Fact]
    public async Task A_full_queue_refuses_a_new_job_without_a_trace_and_a_cancelled_queued_job_frees_its_place()
    {
        await using var cluster = await ComputeCluster.StartAsync(1, new ComputeOptions { MaxConcurrentJobs = 1, MaxQueuedJobs = 1 });
        var running = cluster.Client.GetGrain<IJobGrain>("holds-the-slot");
        var queued = cluster.Client.GetGrain<IJobGrain>("in-line");
        var refused = cluster.Client.GetGrain<IJobGrain>("one-too-many");
        await running.Submit(new JobSpec("test", """{"n": 2, "delayMs": 10000}""", ChunkSize: 1));
        Assert.Equal(JobState.Queued, (await queued.Submit(new JobSpec("test", """{"n": 2}"""))).State);

        var error = await Assert.ThrowsAsync<ComputeLimitException>(() => refused.Submit(new JobSpec("test", """{"n": 2}""")));
        await Assert.ThrowsAsync<JobNotFoundException>(() => refused.GetStatus());
        Assert.Contains("Compute:MaxQueuedJobs", error.Message, StringComparison.Ordinal);

        Assert.Equal(JobState.Cancelled, (await queued.Cancel()).State);
        var again = await refused.Submit(new JobSpec("test", """{"n": 2}"""));
        Assert.Equal(JobState.Queued, again.State);
        await running.Cancel();
        var outcome = await refused.WaitAsync(ReturnWhen.AllCompleted, TimeSpan.FromSeconds(30));
        Assert.Equal("2", outcome.Status.ResultJson);
    }
}
