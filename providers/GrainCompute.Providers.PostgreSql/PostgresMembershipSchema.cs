using Npgsql;

namespace GrainCompute.Providers.PostgreSql;

/// <summary>
/// The membership tables' DDL and its idempotent creation. Names carry the <c>graincompute_orleans_</c> prefix so
/// they never meet the old runtime's <c>graincompute_membership*</c> tables in a shared database.
/// </summary>
internal static class PostgresMembershipSchema
{
    public const string VersionTable = "graincompute_orleans_membership_version";

    public const string MemberTable = "graincompute_orleans_membership";

    /// <summary>
    /// Serialises schema creation across silos: concurrent <c>CREATE TABLE IF NOT EXISTS</c> of the same table can
    /// still fail on the catalog's unique index, so whoever creates tables holds this transaction-scoped lock.
    /// </summary>
    private const long _schemaLockKey = 0x4743_4F52_4C4D_454D; // "GCORLMEM"

    /// <summary>One row per cluster: the Orleans table version and the etag every membership write must present.</summary>
    private const string _createVersionTable =
        $"""
        CREATE TABLE IF NOT EXISTS {VersionTable} (
            cluster_id text PRIMARY KEY,
            version integer NOT NULL,
            etag text NOT NULL,
            updated timestamptz NOT NULL DEFAULT now())
        """;

    /// <summary>
    /// One row per silo incarnation. <c>silo_address</c> is <c>SiloAddress.ToParsableString()</c> (ip:port@generation).
    /// Times are <c>DateTime.Ticks</c> (UTC) rather than timestamptz: Orleans' times carry 100 ns ticks, which a
    /// microsecond timestamptz would round, and Npgsql refuses non-UTC kinds on timestamptz; ticks round-trip exactly.
    /// Suspicions are two parallel arrays, the suspecting silo and its vote time.
    /// </summary>
    private const string _createMemberTable =
        $"""
        CREATE TABLE IF NOT EXISTS {MemberTable} (
            cluster_id text NOT NULL,
            silo_address text NOT NULL,
            etag text NOT NULL,
            status integer NOT NULL,
            proxy_port integer NOT NULL,
            host_name text NULL,
            silo_name text NULL,
            role_name text NULL,
            update_zone integer NOT NULL,
            fault_zone integer NOT NULL,
            start_time_ticks bigint NOT NULL,
            i_am_alive_ticks bigint NOT NULL,
            suspected_by text[] NOT NULL,
            suspected_at_ticks bigint[] NOT NULL,
            PRIMARY KEY (cluster_id, silo_address))
        """;

    /// <summary>$1 = cluster id, $2 = the first etag. A cluster that already has its row keeps it (and its history).</summary>
    private const string _insertVersionRow =
        $"INSERT INTO {VersionTable} (cluster_id, version, etag) VALUES ($1, 0, $2) ON CONFLICT (cluster_id) DO NOTHING";

    /// <summary>
    /// Creates both tables if missing and, when <paramref name="firstEtag"/> is given, the cluster's version row at
    /// version 0; safe to run from any number of silos at once.
    /// </summary>
    public static async Task EnsureAsync(NpgsqlDataSource dataSource, string clusterId, string? firstEtag, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock($1)") { Parameters = { new() { Value = _schemaLockKey } } });
            batch.BatchCommands.Add(new NpgsqlBatchCommand(_createVersionTable));
            batch.BatchCommands.Add(new NpgsqlBatchCommand(_createMemberTable));
            if (firstEtag is not null)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(_insertVersionRow) { Parameters = { new() { Value = clusterId }, new() { Value = firstEtag } } });
            }

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
