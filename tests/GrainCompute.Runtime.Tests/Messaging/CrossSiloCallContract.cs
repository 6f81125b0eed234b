using GrainCompute.Runtime.Testing;
using GrainCompute.Runtime.Tests.Grains;

namespace GrainCompute.Runtime.Tests.Messaging;

/// <summary>Cross-silo behaviour every transport must show; run against the in-memory and the TCP transport.</summary>
public abstract class CrossSiloCallContract
{
    protected abstract ISiloTransport CreateTransport();

    [Fact]
    public async Task A_call_reaches_a_grain_on_the_other_silo_and_returns_its_result()
    {
        await using var cluster = await StartAsync();
        var (caller, owner) = (cluster.Silos[0], cluster.Silos[1]);
        var key = await TestClusters.KeyOnAsync(owner, caller.GrainFactory);

        var grain = caller.GrainFactory.GetGrain<ICounterGrain>(key);
        await grain.IncrementSlowly();

        Assert.Equal(owner.Address.ToString(), await grain.WhereAmI());
        Assert.Equal(1, await owner.GrainFactory.GetGrain<ICounterGrain>(key).Get());
    }

    [Fact]
    public async Task Records_and_byte_payloads_survive_the_trip()
    {
        await using var cluster = await StartAsync();
        var key = await TestClusters.KeyOnAsync(cluster.Silos[1], cluster.Silos[0].GrainFactory);
        var grain = cluster.Silos[0].GrainFactory.GetGrain<ICounterGrain>(key);
        var payload = new byte[1 << 20];
        Random.Shared.NextBytes(payload);

        var echoed = await grain.Echo(payload);
        var described = await grain.Describe(new Sample("s", [1, 2, 3], 0));

        Assert.Equal(payload, echoed);
        Assert.Equal(("s!", 6.0), (described.Name, described.Ratio));
        Assert.Equal([1, 2, 3], described.Values);
    }

    [Fact]
    public async Task A_remote_exception_is_rethrown_with_its_type_message_and_remote_stack()
    {
        await using var cluster = await StartAsync();
        var key = await TestClusters.KeyOnAsync(cluster.Silos[1], cluster.Silos[0].GrainFactory);
        var grain = cluster.Silos[0].GrainFactory.GetGrain<ICounterGrain>(key);

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => grain.Fail("n must be ≥ 2"));

        Assert.Contains("n must be ≥ 2", error.Message);
        Assert.Contains(nameof(CounterGrain.Fail), error.StackTrace);
    }

    [Fact]
    public async Task A_call_without_a_response_in_time_fails_with_a_timeout()
    {
        await using var cluster = await StartAsync();
        var key = await TestClusters.KeyOnAsync(cluster.Silos[1], cluster.Silos[0].GrainFactory);
        var grain = cluster.Silos[0].GrainFactory.GetGrain<ICounterGrain>(key);

        GrainCallTimeoutException error;
        using (GrainCallOptions.WithTimeout(TimeSpan.FromMilliseconds(200)))
        {
            error = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => grain.Hang(10_000));
        }

        Assert.Contains("timed out after 0.2 s", error.Message);
        Assert.Contains(nameof(ICounterGrain.Hang), error.Message);
    }

    [Fact]
    public async Task Grains_call_grains_on_other_silos()
    {
        await using var cluster = await StartAsync(silos: 3);
        var relays = Enumerable.Range(0, 6).Select(_ => cluster.Silos[0].GrainFactory.GetGrain<IRelayGrain>(Guid.NewGuid()));

        var counts = new List<int>();
        foreach (var relay in relays)
        {
            counts.Add(await relay.IncrementOther("target"));
        }

        Assert.Equal([1, 2, 3, 4, 5, 6], counts);
    }

    [Fact]
    public async Task Killing_a_silo_fails_the_calls_waiting_on_it_at_once()
    {
        await using var cluster = await StartAsync();
        var victim = cluster.Silos[1];
        var key = await TestClusters.KeyOnAsync(victim, cluster.Silos[0].GrainFactory);
        var hanging = cluster.Silos[0].GrainFactory.GetGrain<ICounterGrain>(key).Hang(60_000);

        await cluster.KillSiloAsync(victim);

        await Assert.ThrowsAsync<SiloUnavailableException>(() => hanging.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task After_a_silo_dies_its_grains_activate_on_the_survivors()
    {
        await using var cluster = await StartAsync(silos: 3);
        var victim = cluster.Silos[2];
        var key = await TestClusters.KeyOnAsync(victim, cluster.Silos[0].GrainFactory);

        await cluster.KillSiloAsync(victim);
        var where = await cluster.Silos[0].GrainFactory.GetGrain<ICounterGrain>(key).WhereAmI();

        Assert.NotEqual(victim.Address.ToString(), where);
    }

    private Task<InProcessTestCluster> StartAsync(int silos = 2) => TestClusters.StartAsync(silos, CreateTransport());
}

public sealed class InMemoryCrossSiloCallTests : CrossSiloCallContract
{
    protected override ISiloTransport CreateTransport() => new InMemoryNetwork();
}

public sealed class TcpCrossSiloCallTests : CrossSiloCallContract
{
    protected override ISiloTransport CreateTransport() => new TcpSiloTransport(Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
}
