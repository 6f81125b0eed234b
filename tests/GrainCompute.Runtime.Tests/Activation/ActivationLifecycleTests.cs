using GrainCompute.Runtime.Tests.Grains;

namespace GrainCompute.Runtime.Tests.Activation;

public sealed class ActivationLifecycleTests
{
    [Fact]
    public async Task An_idle_activation_is_collected_and_the_next_call_activates_it_again()
    {
        await using var cluster = await TestClusters.StartAsync(1, configure: o =>
        {
            o.CollectionAge = TimeSpan.FromMilliseconds(100);
            o.CollectionQuantum = TimeSpan.FromMilliseconds(50);
        });
        var silo = cluster.Silos[0];
        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>("collected");
        await grain.IncrementSlowly();
        var activationsBefore = await grain.Activations();

        await TestClusters.WaitUntilAsync(() => !silo.Catalog.IsActive(new GrainId(typeof(ICounterGrain).FullName!, "collected")), "the idle activation was collected");

        Assert.Equal(0, await grain.Get());
        Assert.True(await grain.Activations() > activationsBefore);
    }

    [Fact]
    public async Task Integer_and_guid_keys_address_distinct_grains()
    {
        await using var cluster = await TestClusters.StartAsync(1);
        var a = cluster.GrainFactory.GetGrain<IRelayGrain>(Guid.NewGuid());
        var b = cluster.GrainFactory.GetGrain<IRelayGrain>(Guid.NewGuid());

        Assert.Equal(1, await a.IncrementOther("relayed"));
        Assert.Equal(2, await b.IncrementOther("relayed"));
    }
}
