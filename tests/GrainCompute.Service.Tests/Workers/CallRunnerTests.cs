using GrainCompute.Grains;
using GrainCompute.Grains.Workers;
using Orleans.TestingHost;

namespace GrainCompute.Service.Tests.Workers;

public sealed class CallRunnerTests
{
    [Fact]
    public async Task Calls_whose_silo_is_killed_run_again_on_a_survivor_and_all_answer()
    {
        await using var cluster = await ComputeCluster.StartAsync(3);
        var runner = Services(cluster.Silos[0]).GetRequiredService<CallRunner>();
        var victim = cluster.Silos[2];

        // Twelve 3 s calls on three silos of two slots each: the runner spreads them, some to the victim.
        var calls = Enumerable.Range(0, 12).Select(i => runner.RunAsync("test", $$"""{"n": 1, "delayMs": 3000, "tag": "c{{i}}"}""", null, CancellationToken.None)).ToList();
        await Wait.UntilAsync(() => Task.FromResult(Services(victim).GetRequiredService<RunningChunks>().Count > 0), "a call runs on the victim", TimeSpan.FromSeconds(30), poll: TimeSpan.FromMilliseconds(5));
        await cluster.KillSiloAsync(victim);
        var outcomes = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.All(outcomes, outcome => Assert.Equal("""{"result":0}""", outcome));
        Assert.Equal(0, runner.Pending);
    }

    [Fact]
    public async Task A_cancelled_call_stops_on_its_silo_and_leaves_nothing_behind()
    {
        await using var cluster = await ComputeCluster.StartAsync(1);
        var services = Services(cluster.Silos[0]);
        var runner = services.GetRequiredService<CallRunner>();
        using var cancel = new CancellationTokenSource();

        var call = runner.RunAsync("test", """{"n": 1, "delayMs": 30000}""", null, cancel.Token);
        await Wait.UntilAsync(() => Task.FromResult(services.GetRequiredService<RunningChunks>().Count == 1), "the call runs", TimeSpan.FromSeconds(30), poll: TimeSpan.FromMilliseconds(5));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(20)));
        await Wait.UntilAsync(() => Task.FromResult(services.GetRequiredService<WorkerPool>().Busy == 0), "the worker slot is free again", TimeSpan.FromSeconds(30), poll: TimeSpan.FromMilliseconds(5));
        Assert.Equal(0, runner.Pending);
    }

    [Fact]
    public async Task A_call_past_max_pending_calls_is_refused_as_a_limit_and_the_running_one_answers()
    {
        await using var cluster = await ComputeCluster.StartAsync(1, new ComputeOptions { MaxPendingCalls = 1 });
        var runner = Services(cluster.Silos[0]).GetRequiredService<CallRunner>();

        var first = runner.RunAsync("test", """{"n": 1, "delayMs": 500}""", null, CancellationToken.None);
        var refused = await Assert.ThrowsAsync<ComputeLimitException>(() => runner.RunAsync("test", """{"n": 1}""", null, CancellationToken.None));

        Assert.Contains("Compute:MaxPendingCalls", refused.Message, StringComparison.Ordinal);
        Assert.Equal("""{"result":0}""", await first);
        Assert.Equal("""{"result":2}""", await runner.RunAsync("test", """{"n": 2}""", null, CancellationToken.None));
    }

    private static IServiceProvider Services(InProcessSiloHandle silo) => silo.SiloHost.Services;
}
