using GrainCompute.Grains;
using GrainCompute.Grains.Jobs;

namespace GrainCompute.Service.Tests.Jobs;

public sealed class JobAdmissionTests
{
    [Fact]
    public async Task Jobs_beyond_the_running_limit_wait_first_in_first_out()
    {
        var admission = new JobAdmission(new ComputeOptions { MaxConcurrentJobs = 2 });
        var first = await admission.EnterAsync("a", mayRefuse: true, default);
        var second = await admission.EnterAsync("a", mayRefuse: true, default);
        var third = admission.EnterAsync("a", mayRefuse: true, default);
        var fourth = admission.EnterAsync("a", mayRefuse: true, default);

        Assert.False(third.IsCompleted);
        Assert.Equal((2, 2), (admission.Running, admission.Queued));

        second.Dispose();
        second.Dispose(); // a slot is given back once
        await third.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(fourth.IsCompleted);
        Assert.Equal((2, 1), (admission.Running, admission.Queued));

        first.Dispose();
        await fourth.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal((2, 0), (admission.Running, admission.Queued));
    }

    [Fact]
    public async Task A_burst_from_one_client_does_not_shut_out_another()
    {
        var admission = new JobAdmission(new ComputeOptions { MaxConcurrentJobs = 1 });
        var running = await admission.EnterAsync("burst", mayRefuse: true, default);
        var order = new List<string>();
        var waiting = new List<Task>();
        foreach (var client in new[] { "burst", "burst", "burst", "other", "burst", "other" })
        {
            var entry = admission.EnterAsync(client, mayRefuse: true, default);
            waiting.Add(entry.ContinueWith(t => { lock (order) { order.Add(client); } t.Result.Dispose(); }, TaskScheduler.Default));
        }

        running.Dispose();
        await Task.WhenAll(waiting).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(["burst", "other", "burst", "other", "burst", "burst"], order);
    }

    [Fact]
    public async Task A_full_queue_refuses_new_jobs_but_not_resumed_ones()
    {
        var admission = new JobAdmission(new ComputeOptions { MaxConcurrentJobs = 1, MaxQueuedJobs = 1 });
        using var running = await admission.EnterAsync("a", mayRefuse: true, default);
        _ = admission.EnterAsync("a", mayRefuse: true, default);

        var refused = Assert.Throws<ComputeLimitException>(() => { _ = admission.EnterAsync("b", mayRefuse: true, default); }); // at once, not in the task
        var resumed = admission.EnterAsync("b", mayRefuse: false, default);

        Assert.Contains("Compute:MaxQueuedJobs", refused.Message, StringComparison.Ordinal);
        Assert.False(resumed.IsCompleted);
        Assert.Equal(2, admission.Queued);
    }

    [Fact]
    public async Task Giving_up_a_place_in_line_lets_the_next_job_in()
    {
        var admission = new JobAdmission(new ComputeOptions { MaxConcurrentJobs = 1 });
        var running = await admission.EnterAsync("a", mayRefuse: true, default);
        using var leave = new CancellationTokenSource();
        var cancelled = admission.EnterAsync("a", mayRefuse: true, leave.Token);
        var next = admission.EnterAsync("a", mayRefuse: true, default);

        await leave.CancelAsync();
        running.Dispose();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        (await next.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        Assert.Equal((0, 0), (admission.Running, admission.Queued));
    }
}
