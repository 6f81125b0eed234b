using System.Net;
using GrainCompute.Providers.PostgreSql;
using GrainCompute.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Messaging;
using Orleans.Runtime;
using static GrainCompute.Providers.Tests.TestClusters;

namespace GrainCompute.Providers.Tests;

/// <summary>Real Orleans silos and a real client, clustered through the PostgreSQL provider alone.</summary>
public sealed class PostgresClusteringIntegrationTests
{
    private const string _serviceId = "graincompute-provider-tests";

    private static readonly TimeSpan _patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Two_silos_form_one_cluster_on_the_table_and_a_client_connects_through_its_gateways()
    {
        var clusterId = NewClusterId();
        var connectionString = TestPostgres.ConnectionString;
        var hosts = new List<IHost>();
        var gatewayPorts = new[] { LoopbackPort.Free(), LoopbackPort.Free() };
        try
        {
            var first = await StartAsync(SiloHost(connectionString, clusterId, gatewayPorts[0]), hosts);
            var second = await StartAsync(SiloHost(connectionString, clusterId, gatewayPorts[1]), hosts);

            foreach (var silo in new[] { first, second })
            {
                var membership = silo.Services.GetRequiredService<IClusterMembershipService>();
                await Wait.UntilAsync(
                    () => Task.FromResult(ActiveSilos(membership) == 2),
                    "each silo sees two active silos",
                    _patience,
                    () => membership.CurrentSnapshot.ToString());
            }

            // Both silos are in the table, as Active, with the gateway each was given.
            await using (var table = Table(clusterId))
            {
                Assert.IsType<PostgresMembershipTable>(first.Services.GetRequiredService<IMembershipTable>());
                var rows = (await table.ReadAllAsync()).Members.Select(row => row.Item1).ToList();
                Assert.Equal(2, rows.Count(row => row.Status == SiloStatus.Active));
                Assert.Equal(gatewayPorts.Order(), rows.Select(row => row.ProxyPort).Order());
            }

            var client = await StartAsync(ClientHost(connectionString, clusterId), hosts);
            Assert.IsType<PostgresGatewayListProvider>(client.Services.GetRequiredService<IGatewayListProvider>());
            var management = client.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
            var active = await management.GetHosts(onlyActive: true);

            Assert.Equal(2, active.Count);
            Assert.All(active.Values, status => Assert.Equal(SiloStatus.Active, status));
        }
        finally
        {
            // Client first, then the silos, newest first: each silo leaves a cluster that is still there.
            for (var i = hosts.Count - 1; i >= 0; i--)
            {
                using var stop = new CancellationTokenSource(_patience);
                await hosts[i].StopAsync(stop.Token);
                hosts[i].Dispose();
            }
        }
    }

    private static int ActiveSilos(IClusterMembershipService membership) =>
        membership.CurrentSnapshot.Members.Values.Count(member => member.Status == SiloStatus.Active);

    private static async Task<IHost> StartAsync(IHost host, List<IHost> started)
    {
        started.Add(host);
        using var start = new CancellationTokenSource(_patience);
        await host.StartAsync(start.Token);
        return host;
    }

    private static IHost SiloHost(string connectionString, string clusterId, int gatewayPort)
    {
        var siloPort = LoopbackPort.Free();
        return Host.CreateDefaultBuilder()
            .ConfigureLogging(Quiet)
            .UseOrleans(silo => silo
                .UsePostgresClustering(connectionString)
                .Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (clusterId, _serviceId))
                .ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort))
            .Build();
    }

    private static IHost ClientHost(string connectionString, string clusterId) =>
        Host.CreateDefaultBuilder()
            .ConfigureLogging(Quiet)
            .UseOrleansClient(client => client
                .UsePostgresClustering(connectionString)
                .Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (clusterId, _serviceId)))
            .Build();

    // Orleans logs a lot at Information; a failing run still shows warnings and errors on the console.
    private static void Quiet(ILoggingBuilder logging) => logging.SetMinimumLevel(LogLevel.Warning);
}
