using System.Net;
using Orleans.Runtime;
using static GrainCompute.Providers.Tests.TestClusters;
using static GrainCompute.Providers.Tests.TestEntries;

namespace GrainCompute.Providers.Tests;

/// <summary>What a client learns from the silos' membership table: where the cluster's live gateways are.</summary>
public sealed class PostgresGatewayListProviderTests
{
    [Fact]
    public async Task The_gateway_list_offers_only_active_silos_that_accept_clients()
    {
        var clusterId = NewClusterId();
        await using var table = await InitializedTableAsync(clusterId);
        await using var other = await InitializedTableAsync(NewClusterId());
        var active = Entry(13001, SiloStatus.Active);
        var activeWithoutGateway = Entry(13002, SiloStatus.Active);
        activeWithoutGateway.ProxyPort = 0;
        foreach (var entry in new[] { active, activeWithoutGateway, Entry(13003, SiloStatus.Joining), Entry(13004, SiloStatus.ShuttingDown), Entry(13005, SiloStatus.Dead) })
        {
            Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));
        }

        Assert.True(await other.InsertRowAsync(Entry(13006, SiloStatus.Active), (await other.ReadAllAsync()).Version.Next()));
        await using var gateways = GatewayList(clusterId);
        await gateways.InitializeGatewayListProviderAsync();

        var uris = await gateways.GetGatewaysAsync();

        var expected = SiloAddress.New(IPAddress.Loopback, active.ProxyPort, active.SiloAddress.Generation).ToGatewayUri();
        Assert.Equal(expected, Assert.Single(uris));
        Assert.True(gateways.IsUpdatable);
    }

    [Fact]
    public async Task The_gateway_list_follows_silos_as_they_become_active_and_die()
    {
        var clusterId = NewClusterId();
        await using var table = await InitializedTableAsync(clusterId);
        await using var gateways = GatewayList(clusterId);
        Assert.True(await table.InsertRowAsync(Entry(13011, SiloStatus.Joining), (await table.ReadAllAsync()).Version.Next()));
        Assert.Empty(await gateways.GetGatewaysAsync());

        var joined = await table.ReadAllAsync();
        Assert.True(await table.UpdateRowAsync(Entry(13011, SiloStatus.Active), joined.Members[0].Item2, joined.Version.Next()));
        Assert.Single(await gateways.GetGatewaysAsync());

        var active = await table.ReadAllAsync();
        Assert.True(await table.UpdateRowAsync(Entry(13011, SiloStatus.Dead), active.Members[0].Item2, active.Version.Next()));
        Assert.Empty(await gateways.GetGatewaysAsync());
    }

    [Fact]
    public async Task A_client_that_starts_before_any_silo_finds_no_gateways_rather_than_an_error()
    {
        await using var scratch = await ScratchSchema.CreateAsync();
        await using var gateways = GatewayList(NewClusterId(), scratch.ConnectionString);
        await gateways.InitializeGatewayListProviderAsync();

        Assert.Empty(await gateways.GetGatewaysAsync());
    }
}
