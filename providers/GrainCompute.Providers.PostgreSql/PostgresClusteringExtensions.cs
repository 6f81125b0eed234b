using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Hosting;
using Orleans.Messaging;

namespace GrainCompute.Providers.PostgreSql;

/// <summary>Registers PostgreSQL as Orleans' clustering provider, for silos and for clients.</summary>
public static class PostgresClusteringExtensions
{
    /// <summary>
    /// Silos keep the Orleans membership table in PostgreSQL. The tables are created on first use; the cluster is
    /// the one <c>ClusterOptions.ClusterId</c> names.
    /// </summary>
    public static ISiloBuilder UsePostgresClustering(this ISiloBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.Services.Configure<PostgresClusteringOptions>(options => options.ConnectionString = connectionString);
        builder.Services.AddSingleton<IMembershipTable, PostgresMembershipTable>();
        return builder;
    }

    /// <summary>
    /// Clients find the gateways of the cluster <c>ClusterOptions.ClusterId</c> names in the silos' PostgreSQL
    /// membership table.
    /// </summary>
    public static IClientBuilder UsePostgresClustering(this IClientBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.Services.Configure<PostgresClusteringOptions>(options => options.ConnectionString = connectionString);
        builder.Services.AddSingleton<IGatewayListProvider, PostgresGatewayListProvider>();
        return builder;
    }
}
