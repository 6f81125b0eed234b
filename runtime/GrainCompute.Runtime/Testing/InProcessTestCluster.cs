using GrainCompute.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace GrainCompute.Runtime.Testing;

/// <summary>
/// Several silos in one process, like Orleans' InProcessTestCluster: by default over an in-memory network,
/// or over real loopback TCP. Silos can be started, stopped gracefully and killed, so multi-silo behaviour
/// is testable in CI.
/// </summary>
public sealed class InProcessTestCluster : IAsyncDisposable
{
    private readonly List<Silo> _silos = [];
    private readonly Action<SiloOptions>? _configure;
    private readonly Action<IServiceCollection>? _services;
    private int _started;

    private InProcessTestCluster(ISiloTransport transport, IMembershipTable membership, Action<SiloOptions>? configure, Action<IServiceCollection>? services)
    {
        Transport = transport;
        Membership = membership;
        _configure = configure;
        _services = services;
    }

    public ISiloTransport Transport { get; }

    public IMembershipTable Membership { get; }

    public IReadOnlyList<Silo> Silos
    {
        get
        {
            lock (_silos)
            {
                return [.. _silos];
            }
        }
    }

    /// <summary>A grain factory on the first running silo, as a client would use.</summary>
    public IGrainFactory GrainFactory => Silos.First(s => s.Status == SiloStatus.Active).GrainFactory;

    public static async Task<InProcessTestCluster> StartAsync(
        int silos,
        Action<SiloOptions>? configure = null,
        Action<IServiceCollection>? services = null,
        ISiloTransport? transport = null,
        IMembershipTable? membership = null)
    {
        var cluster = new InProcessTestCluster(transport ?? new InMemoryNetwork(), membership ?? new InMemoryMembershipTable(), configure, services);
        for (var i = 0; i < silos; i++)
        {
            await cluster.StartSiloAsync().ConfigureAwait(false);
        }

        return cluster;
    }

    /// <summary>Starts one more silo; with <paramref name="refreshOthers"/> false the others keep their old view until their next refresh.</summary>
    public async Task<Silo> StartSiloAsync(bool refreshOthers = true)
    {
        var options = new SiloOptions
        {
            ClusterId = "test-cluster",
            SiloName = $"silo-{Interlocked.Increment(ref _started)}",
            SiloPort = 0,
            MembershipRefreshPeriod = TimeSpan.FromMilliseconds(200),
        };
        _configure?.Invoke(options);
        var services = new ServiceCollection();
        services.AddLogging();
        _services?.Invoke(services);
        var silo = new Silo(options, Transport, Membership, services.BuildServiceProvider());
        await silo.StartAsync().ConfigureAwait(false);
        lock (_silos)
        {
            _silos.Add(silo);
        }

        if (refreshOthers)
        {
            await RefreshMembershipAsync().ConfigureAwait(false);
        }

        return silo;
    }

    public async Task StopSiloAsync(Silo silo)
    {
        await silo.StopAsync().ConfigureAwait(false);
        await RefreshMembershipAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Kills a silo abruptly and marks it dead in the membership table, as the cluster's failure detection
    /// would, then lets every silo see the change.
    /// </summary>
    public async Task KillSiloAsync(Silo silo)
    {
        await silo.KillAsync().ConfigureAwait(false);
        while (true)
        {
            var snapshot = await Membership.ReadAllAsync().ConfigureAwait(false);
            var row = snapshot.Silos.Single(s => s.Address == silo.Address);
            if (await Membership.TryWriteAsync(row with { Status = SiloStatus.Dead }, snapshot.Version).ConfigureAwait(false))
            {
                break;
            }
        }

        await RefreshMembershipAsync().ConfigureAwait(false);
    }

    /// <summary>Kills a silo abruptly and leaves its membership row alone: the others' failure detection must find it.</summary>
    public async Task CrashSiloAsync(Silo silo) => await silo.KillAsync().ConfigureAwait(false);

    public async Task RefreshMembershipAsync()
    {
        foreach (var silo in Silos.Where(s => s.Status == SiloStatus.Active))
        {
            await silo.RefreshMembershipAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in Silos)
        {
            await silo.DisposeAsync().ConfigureAwait(false);
        }
    }
}
