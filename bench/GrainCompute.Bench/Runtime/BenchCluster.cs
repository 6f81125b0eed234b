using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace GrainCompute.Bench.Runtime;

/// <summary>
/// Orleans silos hosted in this process, each in a host of its own (own services, own ports) so that silo-to-silo
/// calls go over Orleans' TCP on loopback exactly as between processes; optionally an Orleans client, also in its
/// own host, connected to silo 0's gateway. Silo 0 is the primary of localhost (development) clustering.
/// </summary>
internal sealed class BenchCluster : IAsyncDisposable
{
    private const string ServiceId = "graincompute-bench";
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(60);

    private readonly List<IHost> _silos = [];
    private IHost? _client;

    private BenchCluster()
    {
    }

    public static async Task<BenchCluster> StartAsync(int silos, bool withClient, CancellationToken cancellationToken = default)
    {
        // A fresh cluster id per scenario: a silo of the previous scenario that is still winding down can never be taken for a member.
        var clusterId = $"bench-{Guid.NewGuid():N}";
        var ports = FreeLoopbackPorts(2 * silos);
        var primary = new IPEndPoint(IPAddress.Loopback, ports[0]);
        var cluster = new BenchCluster();
        try
        {
            for (var i = 0; i < silos; i++)
            {
                var host = BuildSilo($"bench-silo-{i}", siloPort: ports[2 * i], gatewayPort: ports[(2 * i) + 1], primary, clusterId);
                cluster._silos.Add(host);
                await host.StartAsync(cancellationToken);
            }

            await cluster.WaitUntilAllActiveAsync(cancellationToken);
            if (withClient)
            {
                cluster._client = BuildClient(gatewayPort: ports[1], clusterId);
                await cluster._client.StartAsync(cancellationToken);
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// <paramref name="count"/> grains activated on the silo <paramref name="caller"/> calls (silo 0 for in-silo and
    /// client, the last silo for cross-silo), referenced from the caller's grain factory. Each grain is activated
    /// from its silo (<see cref="PingGrain"/> prefers the activating silo), then asked from the caller's side where
    /// it lives, so a misplaced grain fails the run instead of measuring the wrong path, and the measured calls find
    /// both the activation and the caller's directory cache warm.
    /// </summary>
    public async Task<IPingGrain[]> GrainsForAsync(BenchCaller caller, int count)
    {
        var owner = caller == BenchCaller.CrossSilo ? _silos[^1] : _silos[0];
        var ownerAddress = owner.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString();
        var ownerFactory = owner.Services.GetRequiredService<IGrainFactory>();
        var callerFactory = caller switch
        {
            BenchCaller.Client => (_client ?? throw new InvalidOperationException("This cluster was started without a client.")).Services.GetRequiredService<IClusterClient>(),
            _ => _silos[0].Services.GetRequiredService<IGrainFactory>(),
        };

        var grains = new IPingGrain[count];
        for (var i = 0; i < count; i++)
        {
            var key = $"ping-{i}";
            var placed = await ownerFactory.GetGrain<IPingGrain>(key).WhereAmI();
            var grain = callerFactory.GetGrain<IPingGrain>(key);
            var seen = await grain.WhereAmI();
            if (placed != ownerAddress || seen != ownerAddress)
            {
                throw new InvalidOperationException($"Grain {key} should live on {ownerAddress}; its silo says {placed}, the caller reached {seen}.");
            }

            grains[i] = grain;
        }

        return grains;
    }

    public async ValueTask DisposeAsync()
    {
        // The client first, then the silos in reverse, so the primary (which holds the membership table) goes last.
        if (_client is not null)
        {
            await StopAsync(_client);
        }

        for (var i = _silos.Count - 1; i >= 0; i--)
        {
            await StopAsync(_silos[i]);
        }
    }

    private static IHost BuildSilo(string name, int siloPort, int gatewayPort, IPEndPoint primary, string clusterId)
    {
        var builder = NewHostBuilder();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort, primary, ServiceId, clusterId);
            silo.Configure<SiloOptions>(options => options.SiloName = name);
        });
        return builder.Build();
    }

    private static IHost BuildClient(int gatewayPort, string clusterId)
    {
        var builder = NewHostBuilder();
        builder.UseOrleansClient(client => client.UseLocalhostClustering(gatewayPort, ServiceId, clusterId));
        return builder.Build();
    }

    /// <summary>
    /// A host without the defaults: no appsettings or environment variables that could change what is measured, and
    /// only warnings on the console, so a timeout, a stall or a dropped connection shows next to the numbers it affected.
    /// </summary>
    private static HostApplicationBuilder NewHostBuilder()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging
            .SetMinimumLevel(LogLevel.Warning)
            // Orleans 10.4.2's watchdog starts its platform thread before it stamps the component check's start, so that
            // thread can report a "participant check" stall as long as the machine's uptime on a silo that just started.
            // Real stalls still show: LocalSiloHealthMonitor warns when the thread pool stops answering.
            .AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error)
            .AddSimpleConsole(options => options.SingleLine = true);
        return builder;
    }

    /// <summary>
    /// Waits until every silo sees every silo active: before that, calls from silo 0 may find silo 1 unknown or its
    /// directory partition still moving, and warm-up would not be the only thing the first calls pay for.
    /// </summary>
    private async Task WaitUntilAllActiveAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(JoinTimeout);
        foreach (var silo in _silos)
        {
            var membership = silo.Services.GetRequiredService<IClusterMembershipService>();
            while (membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active) < _silos.Count)
            {
                try
                {
                    await Task.Delay(50, timeout.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"The {_silos.Count} silos did not all see each other active within {JoinTimeout.TotalSeconds:0} s.");
                }
            }
        }
    }

    private static async Task StopAsync(IHost host)
    {
        try
        {
            await host.StopAsync();
        }
        finally
        {
            if (host is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync();
            }
            else
            {
                host.Dispose();
            }
        }
    }

    /// <summary>
    /// Ports on loopback that nothing listens on now: all held open until each is known, so none is handed out twice.
    /// Another process could take one before the silo binds it; rare enough for a benchmark, and it fails loudly.
    /// </summary>
    private static int[] FreeLoopbackPorts(int count)
    {
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listeners.Add(listener);
                listener.Start();
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }
}
