using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace GrainCompute.Providers.PostgreSql;

/// <summary>
/// Orleans' membership table (silo side) in PostgreSQL.
/// <para>
/// Invariant. Each cluster has one version row, (version, etag), and one row per silo incarnation, (entry, row etag).
/// Every membership change (<see cref="InsertRowAsync"/>, <see cref="UpdateRowAsync"/>) is one transaction that
/// first moves the version row from the etag the caller read to (the caller's next version, a fresh etag) and then
/// inserts the silo's row (which must not exist) or rewrites it (which must still carry the row etag the caller
/// read). Both must touch exactly one row or the transaction rolls back and the call returns false; so the table
/// changes only through writers that saw its latest version, one at a time, and every success moves the version on.
/// Heartbeats (<see cref="UpdateIAmAliveAsync"/>) are outside that order: they only raise the silo's I-am-alive
/// time, leave version and etags alone (Orleans requires tokens read before a heartbeat to stay usable after it),
/// and never move it backwards, nor does an update carrying an older time read from another silo.
/// </para>
/// <para>
/// Failure model. A lost race is an answer, not an error: a stale table etag, a stale or missing row, an existing
/// row on insert, and a serialisation failure or deadlock the database reports all roll back and return false, and
/// Orleans re-reads and retries. Anything else (the database unreachable, the schema missing because
/// <see cref="InitializeMembershipTableAsync"/> never ran) throws; Orleans treats that as the table being
/// unavailable. Row locks are always taken version row first, then silo rows, so writers cannot deadlock each other.
/// Cleanup does not move the version (Orleans allows Dead rows to vanish at the same version); deletion removes the
/// version row too, so writes against a deleted cluster return false until a silo initialises it again.
/// </para>
/// <para>
/// Origin. This is the optimistic-concurrency scheme of Orleans' own membership tables (the ADO.NET and Azure
/// Table providers: a version row plus etags, checked and bumped in the write's transaction), written against
/// Npgsql with the schema created on first use, and with the semantics Orleans 10's <c>IMembershipTable</c>
/// documentation and clustering test kit state (heartbeat-neutral row etags, monotonic I-am-alive time, cleanup by
/// each entry's latest update).
/// </para>
/// </summary>
internal sealed class PostgresMembershipTable : IMembershipTable, IAsyncDisposable
{
    // Shared by ReadAll and ReadRow; ReadEntry reads these by position, after v.version and v.etag.
    private const string _memberColumns =
        "m.silo_address, m.etag, m.status, m.proxy_port, m.host_name, m.silo_name, m.role_name, m.update_zone, m.fault_zone, "
        + "m.start_time_ticks, m.i_am_alive_ticks, m.suspected_by, m.suspected_at_ticks";

    // One statement, so the version and the rows come from one snapshot (Orleans requires them read atomically).
    // The left join still yields the version when the cluster has no silos; no row at all means no version row.
    private const string _readAllSql =
        $"""
        SELECT v.version, v.etag, {_memberColumns}
        FROM {PostgresMembershipSchema.VersionTable} v
        LEFT JOIN {PostgresMembershipSchema.MemberTable} m ON m.cluster_id = v.cluster_id
        WHERE v.cluster_id = $1
        """;

    private const string _readRowSql =
        $"""
        SELECT v.version, v.etag, {_memberColumns}
        FROM {PostgresMembershipSchema.VersionTable} v
        LEFT JOIN {PostgresMembershipSchema.MemberTable} m ON m.cluster_id = v.cluster_id AND m.silo_address = $2
        WHERE v.cluster_id = $1
        """;

    // $1 cluster, $2 the etag the caller read, $3 the caller's new version, $4 a fresh etag. Under READ COMMITTED a
    // second writer blocks on the row lock and then re-checks the etag against the committed row, so it matches 0 rows.
    private const string _bumpVersionSql =
        $"""
        UPDATE {PostgresMembershipSchema.VersionTable} SET version = $3, etag = $4, updated = now()
        WHERE cluster_id = $1 AND etag = $2
        """;

    private const string _insertMemberSql =
        $"""
        INSERT INTO {PostgresMembershipSchema.MemberTable} (cluster_id, silo_address, etag, status, proxy_port, host_name, silo_name,
            role_name, update_zone, fault_zone, start_time_ticks, i_am_alive_ticks, suspected_by, suspected_at_ticks)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
        ON CONFLICT (cluster_id, silo_address) DO NOTHING
        """;

    // $15 is the row etag the caller read. GREATEST: the entry may carry an I-am-alive time read before the silo's
    // latest heartbeat; writing it back would make a live silo look stale.
    private const string _updateMemberSql =
        $"""
        UPDATE {PostgresMembershipSchema.MemberTable} SET etag = $3, status = $4, proxy_port = $5, host_name = $6, silo_name = $7,
            role_name = $8, update_zone = $9, fault_zone = $10, start_time_ticks = $11,
            i_am_alive_ticks = GREATEST(i_am_alive_ticks, $12), suspected_by = $13, suspected_at_ticks = $14
        WHERE cluster_id = $1 AND silo_address = $2 AND etag = $15
        """;

    private const string _updateIAmAliveSql =
        $"""
        UPDATE {PostgresMembershipSchema.MemberTable} SET i_am_alive_ticks = GREATEST(i_am_alive_ticks, $3)
        WHERE cluster_id = $1 AND silo_address = $2
        """;

    // An entry's last update is the latest of its start, its heartbeat and any suspicion vote (declaring a silo dead
    // records a vote), as Orleans' MembershipEntry.EffectiveUpdateTime defines it; $3 is an exclusive bound.
    private const string _cleanupSql =
        $"""
        DELETE FROM {PostgresMembershipSchema.MemberTable} m
        WHERE m.cluster_id = $1 AND m.status = $2
          AND GREATEST(m.start_time_ticks, m.i_am_alive_ticks, COALESCE((SELECT max(t) FROM unnest(m.suspected_at_ticks) AS t), 0)) < $3
        """;

    // Version row first, as writers lock it, so a concurrent write waits and then finds no row instead of deadlocking.
    private const string _deleteVersionSql = $"DELETE FROM {PostgresMembershipSchema.VersionTable} WHERE cluster_id = $1";

    private const string _deleteMembersSql = $"DELETE FROM {PostgresMembershipSchema.MemberTable} WHERE cluster_id = $1";

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _clusterId;
    private readonly ILogger _logger;

    public PostgresMembershipTable(
        IOptions<PostgresClusteringOptions> options,
        IOptions<ClusterOptions> clusterOptions,
        ILogger<PostgresMembershipTable> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Value.ConnectionString, "PostgresClusteringOptions.ConnectionString");
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterOptions.Value.ClusterId, "ClusterOptions.ClusterId");
        _dataSource = NpgsqlDataSource.Create(options.Value.ConnectionString);
        _clusterId = clusterOptions.Value.ClusterId;
        _logger = logger;
    }

    public async Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken = default)
    {
        await PostgresMembershipSchema.EnsureAsync(_dataSource, _clusterId, tryInitTableVersion ? NewEtag() : null, cancellationToken).ConfigureAwait(false);
        _logger.MembershipTableInitialized(_clusterId, tryInitTableVersion);
    }

    public Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken = default) => ReadAsync(_readAllSql, null, cancellationToken);

    public Task<MembershipTableData> ReadRowAsync(SiloAddress key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return ReadAsync(_readRowSql, key, cancellationToken);
    }

    public async Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(tableVersion);
        var insert = new NpgsqlBatchCommand(_insertMemberSql);
        AddEntryParameters(insert, entry);
        if (await TryVersionedWriteAsync(entry, tableVersion, insert, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        _logger.InsertRefused(entry.SiloAddress.ToParsableString(), _clusterId, tableVersion.ToString());
        return false;
    }

    public async Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(tableVersion);
        var update = new NpgsqlBatchCommand(_updateMemberSql);
        AddEntryParameters(update, entry);
        update.Parameters.Add(Parameter(etag));
        if (await TryVersionedWriteAsync(entry, tableVersion, update, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        _logger.UpdateRefused(entry.SiloAddress.ToParsableString(), _clusterId, tableVersion.ToString(), etag ?? "<null>");
        return false;
    }

    public async Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var command = _dataSource.CreateCommand(_updateIAmAliveSql);
        command.Parameters.Add(Parameter(_clusterId));
        command.Parameters.Add(Parameter(entry.SiloAddress.ToParsableString()));
        command.Parameters.Add(Parameter(entry.IAmAliveTime.Ticks));

        // No row (never inserted, or cleaned up) is not an error: Orleans' contract has heartbeats fail only when the
        // table is unreachable, and a silo whose row is gone learns that from its next full read.
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(_cleanupSql);
        command.Parameters.Add(Parameter(_clusterId));
        command.Parameters.Add(Parameter((int)SiloStatus.Dead));
        command.Parameters.Add(Parameter(beforeDate.UtcTicks));
        var removed = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        if (removed > 0)
        {
            _logger.DefunctEntriesRemoved(removed, beforeDate, _clusterId);
        }
    }

    public async Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(_deleteVersionSql) { Parameters = { Parameter(clusterId) } });
            batch.BatchCommands.Add(new NpgsqlBatchCommand(_deleteMembersSql) { Parameters = { Parameter(clusterId) } });
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        _logger.ClusterEntriesDeleted(clusterId);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    // Orleans 10 marks the token-less members obsolete and calls the cancellable ones; these serve older callers.
    Task IMembershipTable.InitializeMembershipTable(bool tryInitTableVersion) => InitializeMembershipTableAsync(tryInitTableVersion, CancellationToken.None);

    Task<MembershipTableData> IMembershipTable.ReadAll() => ReadAllAsync(CancellationToken.None);

    Task<MembershipTableData> IMembershipTable.ReadRow(SiloAddress key) => ReadRowAsync(key, CancellationToken.None);

    Task<bool> IMembershipTable.InsertRow(MembershipEntry entry, TableVersion tableVersion) => InsertRowAsync(entry, tableVersion, CancellationToken.None);

    Task<bool> IMembershipTable.UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) => UpdateRowAsync(entry, etag, tableVersion, CancellationToken.None);

    Task IMembershipTable.UpdateIAmAlive(MembershipEntry entry) => UpdateIAmAliveAsync(entry, CancellationToken.None);

    Task IMembershipTable.CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => CleanupDefunctSiloEntriesAsync(beforeDate, CancellationToken.None);

    Task IMembershipTable.DeleteMembershipTableEntries(string clusterId) => DeleteMembershipTableEntriesAsync(clusterId, CancellationToken.None);

    /// <summary>
    /// Moves the version row on and applies <paramref name="rowWrite"/> in one transaction, one round trip; commits
    /// only if each touched exactly one row.
    /// </summary>
    private async Task<bool> TryVersionedWriteAsync(MembershipEntry entry, TableVersion tableVersion, NpgsqlBatchCommand rowWrite, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, transaction);
        var bump = new NpgsqlBatchCommand(_bumpVersionSql)
        {
            Parameters = { Parameter(_clusterId), Parameter(tableVersion.VersionEtag), Parameter(tableVersion.Version), Parameter(NewEtag()) },
        };
        batch.BatchCommands.Add(bump);
        batch.BatchCommands.Add(rowWrite);
        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException race) when (race.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected)
        {
            // Not expected with the lock order above, but if the database does call a race, it is still a lost race.
            _logger.WriteLostRace(entry.SiloAddress.ToParsableString(), _clusterId, race.SqlState);
            return false;
        }

        if (bump.RecordsAffected == 1 && rowWrite.RecordsAffected == 1)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }

        await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
        return false;
    }

    private async Task<MembershipTableData> ReadAsync(string sql, SiloAddress? key, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(sql);
        command.Parameters.Add(Parameter(_clusterId));
        if (key is not null)
        {
            command.Parameters.Add(Parameter(key.ToParsableString()));
        }

        TableVersion? version = null;
        var rows = new List<Tuple<MembershipEntry, string>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            version ??= new TableVersion(reader.GetInt32(0), reader.GetString(1));
            if (!reader.IsDBNull(2))
            {
                rows.Add(ReadEntry(reader));
            }
        }

        // No version row: the cluster was never initialised or was deleted. Version 0 with an etag no row carries,
        // so every write against it is refused rather than creating a cluster behind Initialize's back.
        return new MembershipTableData(rows, version ?? new TableVersion(0, string.Empty));
    }

    private static Tuple<MembershipEntry, string> ReadEntry(NpgsqlDataReader reader)
    {
        var suspectedBy = reader.GetFieldValue<string[]>(13);
        var suspectedAt = reader.GetFieldValue<long[]>(14);
        var suspectTimes = new List<Tuple<SiloAddress, DateTime>>(suspectedBy.Length);
        for (var i = 0; i < suspectedBy.Length; i++)
        {
            suspectTimes.Add(Tuple.Create(SiloAddress.FromParsableString(suspectedBy[i]), Utc(suspectedAt[i])));
        }

        var entry = new MembershipEntry
        {
            SiloAddress = SiloAddress.FromParsableString(reader.GetString(2)),
            Status = (SiloStatus)reader.GetInt32(4),
            ProxyPort = reader.GetInt32(5),
            HostName = reader.IsDBNull(6) ? null! : reader.GetString(6),
            SiloName = reader.IsDBNull(7) ? null! : reader.GetString(7),
            RoleName = reader.IsDBNull(8) ? null : reader.GetString(8),
            UpdateZone = reader.GetInt32(9),
            FaultZone = reader.GetInt32(10),
            StartTime = Utc(reader.GetInt64(11)),
            IAmAliveTime = Utc(reader.GetInt64(12)),
            SuspectTimes = suspectTimes,
        };
        return Tuple.Create(entry, reader.GetString(3));
    }

    /// <summary>Parameters $1–$14 of <see cref="_insertMemberSql"/> and <see cref="_updateMemberSql"/>; $3 is a fresh row etag.</summary>
    private void AddEntryParameters(NpgsqlBatchCommand command, MembershipEntry entry)
    {
        var suspects = entry.SuspectTimes ?? [];
        command.Parameters.Add(Parameter(_clusterId));
        command.Parameters.Add(Parameter(entry.SiloAddress.ToParsableString()));
        command.Parameters.Add(Parameter(NewEtag()));
        command.Parameters.Add(Parameter((int)entry.Status));
        command.Parameters.Add(Parameter(entry.ProxyPort));
        command.Parameters.Add(Parameter(entry.HostName));
        command.Parameters.Add(Parameter(entry.SiloName));
        command.Parameters.Add(Parameter(entry.RoleName));
        command.Parameters.Add(Parameter(entry.UpdateZone));
        command.Parameters.Add(Parameter(entry.FaultZone));
        command.Parameters.Add(Parameter(entry.StartTime.Ticks));
        command.Parameters.Add(Parameter(entry.IAmAliveTime.Ticks));
        command.Parameters.Add(Parameter(suspects.Select(vote => vote.Item1.ToParsableString()).ToArray()));
        command.Parameters.Add(Parameter(suspects.Select(vote => vote.Item2.Ticks).ToArray()));
    }

    // Orleans' times are UTC by convention; ticks are stored as given and come back marked UTC.
    private static DateTime Utc(long ticks) => new(ticks, DateTimeKind.Utc);

    private static NpgsqlParameter Parameter(object? value) => new() { Value = value ?? DBNull.Value };

    private static string NewEtag() => Guid.NewGuid().ToString("N");
}
