using GrainCompute.Runtime.Tests.Grains;

namespace GrainCompute.Runtime.Tests.Scheduling;

public sealed class TurnBasedConcurrencyTests
{
    [Fact]
    public async Task Concurrent_callers_of_a_plain_grain_never_lose_an_update()
    {
        await using var cluster = await TestClusters.StartAsync(1);
        var counter = cluster.GrainFactory.GetGrain<ICounterGrain>("shared");

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => counter.IncrementSlowly())));

        Assert.Equal(50, await counter.Get());
        Assert.Equal(Enumerable.Range(1, 50), results.Order());
    }

    [Fact]
    public async Task A_plain_grain_runs_one_request_at_a_time()
    {
        await using var cluster = await TestClusters.StartAsync(1);
        var probe = cluster.GrainFactory.GetGrain<IPlainProbe>("plain");

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => probe.Enter(5)));

        Assert.Equal(1, await probe.MaxInside());
    }

    [Fact]
    public async Task A_reentrant_grain_interleaves_requests_at_awaits_but_never_runs_them_in_parallel()
    {
        await using var cluster = await TestClusters.StartAsync(1);
        var probe = cluster.GrainFactory.GetGrain<IReentrantProbe>("reentrant");

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => probe.Enter(50)));

        Assert.True(await probe.MaxInside() > 1, "reentrant requests should have interleaved");
    }

    [Fact]
    public async Task An_always_interleave_method_runs_while_another_request_is_in_progress()
    {
        await using var cluster = await TestClusters.StartAsync(1);
        var probe = cluster.GrainFactory.GetGrain<IPlainProbe>("interleave");

        var slow = probe.Enter(300);
        var quick = await probe.EnterInterleaved(1);
        await slow;

        Assert.Equal(2, quick);
    }

    [Fact]
    public async Task Read_only_requests_run_together_but_not_beside_a_writer()
    {
        await using var cluster = await TestClusters.StartAsync(1);
        var readers = cluster.GrainFactory.GetGrain<IPlainProbe>("readers");
        var mixed = cluster.GrainFactory.GetGrain<IPlainProbe>("mixed");

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => readers.EnterReadOnly(100)));
        var writer = mixed.Enter(100);
        var reader = mixed.EnterReadOnly(1);
        await Task.WhenAll(writer, reader);

        Assert.True(await readers.MaxInside() > 1, "read-only requests should have overlapped");
        Assert.Equal(1, await mixed.MaxInside());
    }

    [Fact]
    public async Task A_timer_ticks_on_the_activations_turn()
    {
        await using var cluster = await TestClusters.StartAsync(1);
        var grain = cluster.GrainFactory.GetGrain<ITimerGrain>(7);

        await grain.Start(10);

        await TestClusters.WaitUntilAsync(async () => await grain.Ticks() >= 3, "the timer ticked three times");
    }
}
