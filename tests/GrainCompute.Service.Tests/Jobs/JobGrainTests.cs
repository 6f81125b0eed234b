using System.Text.Json;
using GrainCompute.Grains;
using GrainCompute.Kernels;

namespace GrainCompute.Service.Tests.Jobs;

public sealed class JobGrainTests
{
    [Fact]
    public async Task Sumprimes_gives_the_seeds_published_sums_in_input_order()
    {
        await using var cluster = await ComputeCluster.StartAsync(1);

        var status = await ComputeCluster.RunAsync(cluster.Client, "sums", new JobSpec("sumprimes"));
        var results = await ComputeCluster.AllResultsAsync(cluster.Client, "sums", ResultOrder.Input);

        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal(["454396537", "1709600813", "3709507114"], results.Select(r => r.ValueJson));
    }

    [Fact]
    public async Task Results_come_in_input_order_and_in_completion_order_with_the_same_items()
    {
        await using var cluster = await ComputeCluster.StartAsync(1);

        var status = await ComputeCluster.RunAsync(cluster.Client, "ordered", new JobSpec("test", """{"n": 200}""", ChunkSize: 7));
        var inInput = await ComputeCluster.AllResultsAsync(cluster.Client, "ordered", ResultOrder.Input, pageSize: 13);
        var inCompletion = await ComputeCluster.AllResultsAsync(cluster.Client, "ordered", ResultOrder.Completion, pageSize: 13);

        Assert.Equal(29, status.Chunks);
        Assert.Equal("39800", status.ResultJson);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => (long)i), inInput.Select(r => r.Index));
        Assert.All(inInput, r => Assert.Equal((2 * r.Index).ToString(System.Globalization.CultureInfo.InvariantCulture), r.ValueJson));
        Assert.Equal(inInput.Select(r => r.Index).Order(), inCompletion.Select(r => r.Index).Order());
        Assert.Equal(inCompletion.Select(r => r.Seq).Order(), inCompletion.Select(r => r.Seq));
    }

    [Fact]
    public async Task A_throwing_kernel_fails_its_chunk_with_type_and_message_and_the_job_goes_on()
    {
        await using var cluster = await ComputeCluster.StartAsync(1);

        var status = await ComputeCluster.RunAsync(cluster.Client, "broken", new JobSpec("test", """{"n": 50, "failAt": 17}""", ChunkSize: 5));
        var chunks = await cluster.Client.GetGrain<IJobGrain>("broken").GetChunks();
        var results = await ComputeCluster.AllResultsAsync(cluster.Client, "broken", ResultOrder.Input);

        Assert.Equal(JobState.Failed, status.State);
        Assert.Contains("InvalidOperationException: item 17 is broken", status.Error);
        Assert.Equal(9, status.ChunksDone);
        Assert.Equal(FutureState.Failed, chunks[3].State);
        Assert.Contains("item 17 is broken", results[16].Error);
        Assert.Equal("0", results[0].ValueJson);
    }

    [Fact]
    public async Task Stop_on_first_error_cancels_the_rest()
    {
        await using var cluster = await ComputeCluster.StartAsync(1);

        var status = await ComputeCluster.RunAsync(cluster.Client, "stop-early", new JobSpec("test", """{"n": 400, "failAt": 0, "delayMs": 5}""", ChunkSize: 10, new JobOptions(StopOnFirstError: true)));

        Assert.Equal(JobState.Failed, status.State);
        Assert.True(status.ChunksCancelled > 0, "queued chunks should be cancelled");
        Assert.Equal(status.Chunks, status.ChunksDone + status.ChunksFailed + status.ChunksCancelled);
    }

    [Fact]
    public async Task A_failed_chunk_is_retried_when_retries_are_left()
    {
        await using var cluster = await ComputeCluster.StartAsync(1);

        var status = await ComputeCluster.RunAsync(cluster.Client, "retried", new JobSpec("test", """{"n": 20, "failAt": 3, "failTimes": 1, "tag": "retried"}""", ChunkSize: 5, new JobOptions(Retries: 1)));
        var chunks = await cluster.Client.GetGrain<IJobGrain>("retried").GetChunks();

        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal(2, chunks[0].Attempts);
        Assert.Equal("380", status.ResultJson);
    }

    [Fact]
    public async Task A_chunk_running_past_its_timeout_fails_with_a_timeout()
    {
        await using var cluster = await ComputeCluster.StartAsync(1);

        var status = await ComputeCluster.RunAsync(cluster.Client, "slow", new JobSpec("test", """{"n": 1, "delayMs": 5000}""", Options: new JobOptions(ChunkTimeoutSeconds: 0.2)));

        Assert.Equal(JobState.Failed, status.State);
        Assert.Contains("TimeoutException", status.Error);
    }

    [Fact]
    public async Task Cancelling_a_job_stops_queued_and_running_chunks()
    {
        await using var cluster = await ComputeCluster.StartAsync(1);
        var job = cluster.Client.GetGrain<IJobGrain>("cancelled");
        await job.Submit(new JobSpec("test", """{"n": 100, "delayMs": 10000}""", ChunkSize: 1));
        await Wait.UntilAsync(async () => (await job.GetStatus()).ChunksRunning > 0, "a chunk is running", TimeSpan.FromSeconds(20), poll: TimeSpan.FromMilliseconds(10));

        var status = await job.Cancel();

        Assert.Equal(JobState.Cancelled, status.State);
        Assert.Equal(100, status.ChunksCancelled);
        var chunks = await job.GetChunks();
        Assert.All(chunks, c => Assert.Equal(FutureState.Cancelled, c.State));
    }

    [Fact]
    public async Task Wait_returns_at_the_first_exception_before_the_job_ends()
    {
        await using var cluster = await ComputeCluster.StartAsync(1);
        var job = cluster.Client.GetGrain<IJobGrain>("first-exception");
        await job.Submit(new JobSpec("test", """{"n": 40, "failAt": 0, "delayMs": 200}""", ChunkSize: 1));

        var outcome = await job.WaitAsync(ReturnWhen.FirstException, TimeSpan.FromSeconds(30));

        Assert.True(outcome.Satisfied);
        Assert.Equal(1, outcome.Status.ChunksFailed);
        Assert.False(outcome.Status.IsFinished);
        await job.Cancel();
    }

    [Fact]
    public async Task Wait_with_a_timeout_says_the_condition_did_not_hold()
    {
        await using var cluster = await ComputeCluster.StartAsync(1);
        var job = cluster.Client.GetGrain<IJobGrain>("long");
        await job.Submit(new JobSpec("test", """{"n": 4, "delayMs": 10000}""", ChunkSize: 1));

        var outcome = await job.Wait(ReturnWhen.FirstCompleted, 0.2);

        Assert.False(outcome.Satisfied);
        Assert.Equal(JobState.Running, outcome.Status.State);
        await job.Cancel();
    }

    [Fact]
    public async Task A_task_can_take_another_tasks_result_as_an_argument()
    {
        await using var cluster = await ComputeCluster.StartAsync(1);
        await cluster.Client.GetGrain<IJobGrain>("first").Submit(new JobSpec("slowadd", """{"a": 1, "b": 2, "delay": 0.05}"""));

        var second = await ComputeCluster.RunAsync(cluster.Client, "second", new JobSpec("slowadd", """{"a": {"$future": "first"}, "b": 10, "delay": 0.05}"""));

        Assert.Equal(JobState.Completed, second.State);
        Assert.Equal("13", second.ResultJson);
        Assert.Equal(["first"], second.DependsOn);
    }

    [Fact]
    public async Task A_future_naming_no_job_is_refused_at_submit_naming_it()
    {
        await using var cluster = await ComputeCluster.StartAsync(1);

        var error = await Assert.ThrowsAsync<KernelParameterException>(() => cluster.Client.GetGrain<IJobGrain>("orphan")
            .Submit(new JobSpec("slowadd", """{"a": {"$future": "never-submitted"}, "b": 1, "delay": 0}""")));

        Assert.Equal("parameters", error.Field);
        Assert.Contains("'never-submitted', which does not exist", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<JobNotFoundException>(() => cluster.Client.GetGrain<IJobGrain>("orphan").GetStatus());
    }

    [Fact]
    public async Task A_chain_of_dependencies_deeper_than_the_limit_is_refused_and_one_at_the_limit_runs()
    {
        await using var cluster = await ComputeCluster.StartAsync(1, new ComputeOptions { MaxDependencyDepth = 2 });
        await ComputeCluster.RunAsync(cluster.Client, "link-0", new JobSpec("slowinc", """{"x": 1, "delay": 0}"""));
        await cluster.Client.GetGrain<IJobGrain>("link-1").Submit(new JobSpec("slowinc", """{"x": {"$future": "link-0"}, "delay": 0}"""));
        await cluster.Client.GetGrain<IJobGrain>("link-2").Submit(new JobSpec("slowinc", """{"x": {"$future": "link-1"}, "delay": 0}"""));

        var error = await Assert.ThrowsAsync<KernelParameterException>(() => cluster.Client.GetGrain<IJobGrain>("link-3")
            .Submit(new JobSpec("slowinc", """{"x": {"$future": "link-2"}, "delay": 0}""")));
        var last = await ComputeCluster.RunAsync(cluster.Client, "link-2", new JobSpec("slowinc", """{"x": {"$future": "link-1"}, "delay": 0}"""));

        Assert.Contains("chain of 3 jobs", error.Message, StringComparison.Ordinal);
        Assert.Equal("4", last.ResultJson);
    }

    [Fact]
    public async Task A_failed_dependency_fails_its_dependents_with_a_clear_error()
    {
        await using var cluster = await ComputeCluster.StartAsync(1);
        await ComputeCluster.RunAsync(cluster.Client, "bad-input", new JobSpec("test", """{"n": 1, "failAt": 0}"""));

        var dependent = await ComputeCluster.RunAsync(cluster.Client, "dependent", new JobSpec("slowadd", """{"a": {"$future": "bad-input"}, "b": 1, "delay": 0}"""));

        Assert.Equal(JobState.Failed, dependent.State);
        Assert.StartsWith("dependency failed: job 'bad-input'", dependent.Error);
    }

    [Fact]
    public async Task A_composite_is_decided_by_its_first_interval_and_the_rest_is_cancelled()
    {
        await using var cluster = await ComputeCluster.StartAsync(1);

        var status = await ComputeCluster.RunAsync(cluster.Client, "composite", new JobSpec("isprime", """{"n": 1467399848617311837}""", ChunkSize: 1));

        Assert.Equal(JobState.Completed, status.State);
        Assert.Contains("false", status.ResultJson, StringComparison.OrdinalIgnoreCase);
        Assert.True(status.ChunksCancelled > 0, "chunks after the deciding one should be cancelled");
    }

    [Fact]
    public async Task Io_bound_chunks_all_wait_at_once_instead_of_queueing_for_cpu_slots()
    {
        await using var cluster = await ComputeCluster.StartAsync(1);

        var status = await ComputeCluster.RunAsync(cluster.Client, "sleepers", new JobSpec("slowadd", """{"count": 40, "delay": 0.3}""", ChunkSize: 1));
        var chunks = await cluster.Client.GetGrain<IJobGrain>("sleepers").GetChunks();

        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal("120", status.ResultJson);
        Assert.True(chunks.Max(c => c.Started) < chunks.Min(c => c.Ended), "all 40 sleeping chunks should have been in flight together on 2 worker slots");
    }

    [Fact]
    public async Task Unknown_job_ids_are_reported_as_not_found()
    {
        await using var cluster = await ComputeCluster.StartAsync(1);

        var error = await Assert.ThrowsAsync<JobNotFoundException>(() => cluster.Client.GetGrain<IJobGrain>("nobody").GetStatus());

        Assert.Contains("'nobody' does not exist", error.Message);
    }

    [Fact]
    public async Task A_job_is_forgotten_when_its_retention_ends_in_the_grain_and_in_the_store()
    {
        var store = new InMemoryJobStore();
        await using var cluster = await ComputeCluster.StartAsync(1, store: store);
        await ComputeCluster.RunAsync(cluster.Client, "brief", new JobSpec("test", """{"n": 4}""", Options: new JobOptions(RetentionSeconds: 0.5)));
        Assert.NotNull(await store.ReadAsync("brief"));

        await Task.Delay(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<JobNotFoundException>(() => cluster.Client.GetGrain<IJobGrain>("brief").GetStatus());
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await store.ReadAsync("brief") is not null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the job keeper did not delete the expired job from the store within 10 s");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Results_are_identical_on_one_and_three_silos_and_three_silos_share_the_work()
    {
        await using var one = await ComputeCluster.StartAsync(1);
        await using var three = await ComputeCluster.StartAsync(3);
        var spec = new JobSpec("square", """{"n": 20000}""", ChunkSize: 500);

        var alone = await ComputeCluster.RunAsync(one.Client, "squares", spec);
        var shared = await ComputeCluster.RunAsync(three.Client, "squares", spec);
        var aloneItems = await ComputeCluster.AllResultsAsync(one.Client, "squares", ResultOrder.Input, 5000);
        var sharedItems = await ComputeCluster.AllResultsAsync(three.Client, "squares", ResultOrder.Input, 5000);

        Assert.Equal(alone.ResultJson, shared.ResultJson);
        Assert.Equal(aloneItems.Select(i => i.ValueJson), sharedItems.Select(i => i.ValueJson));
        Assert.Equal(3, shared.Silos.Count);
    }

    [Fact]
    public async Task Too_many_items_are_refused_naming_the_limit()
    {
        await using var cluster = await ComputeCluster.StartAsync(1, new ComputeOptions { MaxItems = 100 });

        var error = await Assert.ThrowsAsync<JobTooLargeException>(() => cluster.Client.GetGrain<IJobGrain>("huge").Submit(new JobSpec("test", """{"n": 1000}""")));

        Assert.Contains("Compute:MaxItems", error.Message);
    }
}
