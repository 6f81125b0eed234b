using GrainCompute.Providers.PostgreSql;
using GrainCompute.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace GrainCompute.Providers.Tests;

/// <summary>Providers on the test PostgreSQL, each test on a cluster of its own so tests never see each other's rows.</summary>
internal static class TestClusters
{
    public static string NewClusterId() => $"test-{Guid.NewGuid():N}";

    /// <summary>A table as a silo gets it: constructed, then initialised (which creates the schema and the version row).</summary>
    public static async Task<PostgresMembershipTable> InitializedTableAsync(string clusterId, string? connectionString = null)
    {
        var table = Table(clusterId, connectionString);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        return table;
    }

    /// <summary>An independent handle: its own data source and connections, as another silo would have.</summary>
    public static PostgresMembershipTable Table(string clusterId, string? connectionString = null) =>
        new(
            Options.Create(new PostgresClusteringOptions { ConnectionString = connectionString ?? TestPostgres.ConnectionString }),
            Options.Create(new ClusterOptions { ClusterId = clusterId }),
            NullLogger<PostgresMembershipTable>.Instance);

    public static PostgresGatewayListProvider GatewayList(string clusterId, string? connectionString = null) =>
        new(
            Options.Create(new PostgresClusteringOptions { ConnectionString = connectionString ?? TestPostgres.ConnectionString }),
            Options.Create(new ClusterOptions { ClusterId = clusterId }),
            Options.Create(new GatewayOptions()),
            NullLogger<PostgresGatewayListProvider>.Instance);
}
