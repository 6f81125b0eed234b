using GrainCompute.Runtime.Tests.Grains;

namespace GrainCompute.Runtime.Tests.Membership;

public sealed class FailureDetectionTests
{
    [Fact]
    public async Task A_crashed_silo_is_declared_dead_by_the_others_within_ten_seconds()
    {
        await using var cluster = await TestClusters.StartAsync(3);
        var victim = cluster.Silos[2];
        await cluster.Silos[0].GrainFactory.GetGrain<ICounterGrain>(await TestClusters.KeyOnAsync(victim, cluster.Silos[0].GrainFactory)).Get();

        await cluster.CrashSiloAsync(victim);

        await TestClusters.WaitUntilAsync(
            async () => (await cluster.Membership.ReadAllAsync()).Silos.Single(s => s.Address == victim.Address).Status == SiloStatus.Dead,
            "the crashed silo is declared dead in the table",
            TimeSpan.FromSeconds(10));
        await TestClusters.WaitUntilAsync(() => cluster.Silos[0].View.Active.Count == 2, "the survivors drop it from their view");
        var row = (await cluster.Membership.ReadAllAsync()).Silos.Single(s => s.Address == victim.Address);
        Assert.NotEmpty(row.SuspectedBy);
    }

    [Fact]
    public async Task A_silo_that_reads_it_was_declared_dead_stops_itself()
    {
        await using var cluster = await TestClusters.StartAsync(2);
        var condemned = cluster.Silos[1];
        var stopped = new TaskCompletionSource();
        condemned.Stopped.Register(() => stopped.TrySetResult());

        var snapshot = await cluster.Membership.ReadAllAsync();
        var row = snapshot.Silos.Single(s => s.Address == condemned.Address);
        Assert.True(await cluster.Membership.TryWriteAsync(row with { Status = SiloStatus.Dead }, snapshot.Version));

        await stopped.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(SiloStatus.Dead, condemned.Status);
    }

    [Fact]
    public async Task A_joining_silo_appears_in_every_view_and_takes_grains()
    {
        await using var cluster = await TestClusters.StartAsync(2);

        var newcomer = await cluster.StartSiloAsync();

        Assert.All(cluster.Silos, silo => Assert.Contains(newcomer.Address, silo.View.Active));
        await TestClusters.KeyOnAsync(newcomer, cluster.Silos[0].GrainFactory);
    }
}
