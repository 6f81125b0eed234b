using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.Runtime;

namespace GrainCompute.Providers.PostgreSql;

/// <summary>
/// Orleans' gateway list (client side), read from the silos' PostgreSQL membership table: the gateway endpoint of
/// every Active silo of the cluster that accepts clients (proxy port above 0). Clients only read; the schema belongs
/// to the silos.
/// </summary>
internal sealed class PostgresGatewayListProvider : IGatewayListProvider, IAsyncDisposable
{
    // Ordered: Orleans' GatewayManager round-robins over the list and assumes the same order on every refresh.
    private const string _listGatewaysSql =
        $"""
        SELECT silo_address, proxy_port FROM {PostgresMembershipSchema.MemberTable}
        WHERE cluster_id = $1 AND status = $2 AND proxy_port > 0
        ORDER BY silo_address
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _clusterId;
    private readonly TimeSpan _refreshPeriod;
    private readonly ILogger _logger;

    public PostgresGatewayListProvider(
        IOptions<PostgresClusteringOptions> options,
        IOptions<ClusterOptions> clusterOptions,
        IOptions<GatewayOptions> gatewayOptions,
        ILogger<PostgresGatewayListProvider> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Value.ConnectionString, "PostgresClusteringOptions.ConnectionString");
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterOptions.Value.ClusterId, "ClusterOptions.ClusterId");
        _dataSource = NpgsqlDataSource.Create(options.Value.ConnectionString);
        _clusterId = clusterOptions.Value.ClusterId;
        _refreshPeriod = gatewayOptions.Value.GatewayListRefreshPeriod;
        _logger = logger;
    }

    public TimeSpan MaxStaleness => _refreshPeriod;

    public bool IsUpdatable => true;

    public Task InitializeGatewayListProviderAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public async Task<IList<Uri>> GetGatewaysAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(_listGatewaysSql);
        command.Parameters.Add(new NpgsqlParameter { Value = _clusterId });
        command.Parameters.Add(new NpgsqlParameter { Value = (int)SiloStatus.Active });
        var gateways = new List<Uri>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                // A gateway is the silo's address with its proxy port in place of the silo port; the generation
                // stays, so a client can tell a restarted silo on the same endpoint from the old one.
                var silo = SiloAddress.FromParsableString(reader.GetString(0));
                gateways.Add(SiloAddress.New(silo.Endpoint.Address, reader.GetInt32(1), silo.Generation).ToGatewayUri());
            }
        }
        catch (PostgresException missing) when (missing.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // A client that starts before any silo finds no table: that is "no gateways yet", which Orleans retries,
            // not a broken database.
            _logger.MembershipTableMissing(_clusterId);
            return gateways;
        }

        _logger.GatewaysListed(gateways.Count, _clusterId);
        return gateways;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    // The token-less members predate Orleans 10's cancellable ones; both read the same table.
    Task IGatewayListProvider.InitializeGatewayListProvider() => InitializeGatewayListProviderAsync(CancellationToken.None);

    Task<IList<Uri>> IGatewayListProvider.GetGateways() => GetGatewaysAsync(CancellationToken.None);
}
