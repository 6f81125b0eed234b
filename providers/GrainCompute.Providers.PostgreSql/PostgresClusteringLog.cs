using Microsoft.Extensions.Logging;

namespace GrainCompute.Providers.PostgreSql;

/// <summary>The PostgreSQL clustering provider's log messages. Event ids 2000–2049 membership table, 2050–2099 gateway list.</summary>
internal static partial class PostgresClusteringLog
{
    [LoggerMessage(2000, LogLevel.Information, "PostgreSQL membership table ready for cluster {ClusterId} (version row requested: {VersionRowRequested})")]
    public static partial void MembershipTableInitialized(this ILogger logger, string clusterId, bool versionRowRequested);

    [LoggerMessage(2001, LogLevel.Debug, "Insert of {Silo} into cluster {ClusterId} refused: table version {TableVersion} is stale or the silo already has a row")]
    public static partial void InsertRefused(this ILogger logger, string silo, string clusterId, string tableVersion);

    [LoggerMessage(2002, LogLevel.Debug, "Update of {Silo} in cluster {ClusterId} refused: table version {TableVersion} or row etag {RowEtag} is stale, or the row is gone")]
    public static partial void UpdateRefused(this ILogger logger, string silo, string clusterId, string tableVersion, string rowEtag);

    [LoggerMessage(2003, LogLevel.Debug, "Membership write for {Silo} in cluster {ClusterId} lost a database-detected race ({SqlState}); reported as a refused write")]
    public static partial void WriteLostRace(this ILogger logger, string silo, string clusterId, string sqlState);

    [LoggerMessage(2004, LogLevel.Information, "Removed {Count} defunct silo entries last updated before {BeforeDate:O} from cluster {ClusterId}")]
    public static partial void DefunctEntriesRemoved(this ILogger logger, int count, DateTimeOffset beforeDate, string clusterId);

    [LoggerMessage(2005, LogLevel.Information, "Deleted all membership entries of cluster {ClusterId}")]
    public static partial void ClusterEntriesDeleted(this ILogger logger, string clusterId);

    [LoggerMessage(2050, LogLevel.Warning, "No PostgreSQL membership table yet for cluster {ClusterId}: no silo has started; no gateways to offer")]
    public static partial void MembershipTableMissing(this ILogger logger, string clusterId);

    [LoggerMessage(2051, LogLevel.Debug, "Found {Count} gateways for cluster {ClusterId}")]
    public static partial void GatewaysListed(this ILogger logger, int count, string clusterId);
}
