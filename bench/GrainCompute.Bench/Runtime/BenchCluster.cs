using GrainCompute.Runtime;
using GrainCompute.Runtime.Hosting;
using GrainCompute.Runtime.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace GrainCompute.Bench.Runtime;

// The client reference brings in the GrainCompute.Silo namespace, which would shadow the runtime's Silo type here.
using Silo = GrainCompute.Runtime.Hosting.Silo;

/// <summary>An in-process cluster hosting <see cref="PingGrain"/>, and the grains a scenario calls on it.</summary>
internal sealed class BenchCluster : IAsyncDisposable
{
    private readonly InProcessTestCluster _cluster;
    private readonly IDisposable? _transport;

    private BenchCluster(InProcessTestCluster cluster, IDisposable? transport)
    {
        _cluster = cluster;
        _transport = transport;
    }

    public IReadOnlyList<Silo> Silos => _cluster.Silos;

    public static async Task<BenchCluster> StartAsync(int silos, BenchTransport transport)
    {
        ISiloTransport network = transport == BenchTransport.Tcp ? new TcpSiloTransport(NullLoggerFactory.Instance) : new InMemoryNetwork();
        var cluster = await InProcessTestCluster.StartAsync(
            silos,
            options => options.GrainAssemblies.Add(typeof(PingGrain).Assembly),
            transport: network);
        return new BenchCluster(cluster, network as IDisposable);
    }

    /// <summary>
    /// <paramref name="count"/> grains that live on <paramref name="owner"/>, referenced from <paramref name="caller"/>'s
    /// factory. Asking each candidate where it lives also activates it, so the measured calls find it warm.
    /// </summary>
    public static async Task<IPingGrain[]> GrainsOnAsync(Silo caller, Silo owner, int count)
    {
        var grains = new List<IPingGrain>(count);
        var where = owner.Address.ToString();
        for (var i = 0; grains.Count < count; i++)
        {
            if (i >= count * 100)
            {
                throw new InvalidOperationException($"Only {grains.Count} of {i} keys were placed on {owner.Address}; wanted {count}.");
            }

            var grain = caller.GrainFactory.GetGrain<IPingGrain>($"ping-{i}");
            if (await grain.WhereAmI() == where)
            {
                grains.Add(grain);
            }
        }

        return [.. grains];
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _transport?.Dispose();
    }
}
