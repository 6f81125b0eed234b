using Npgsql;
using NpgsqlTypes;

namespace GrainCompute.Runtime;

/// <summary>
/// The production membership table, in PostgreSQL, in the spirit of Orleans' ADO.NET membership tables: one
/// version row per cluster for optimistic concurrency, one row per silo (address, generation, status, suspicion
/// votes, I-am-alive time). Tables are created on first use, idempotently, under an advisory lock so that silos
/// starting together do not race on the catalog.
/// </summary>
public sealed class PostgresMembershipTable(NpgsqlDataSource dataSource, string clusterId) : IMembershipTable
{
    private const long MigrationLockKey = 0x4743_4D45_4D42; // "GCMEMB"
    private int _migrated;

    public async Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        long version;
        await using (var read = new NpgsqlCommand("SELECT version FROM graincompute_membership_version WHERE cluster_id = $1", connection, transaction))
        {
            read.Parameters.Add(new NpgsqlParameter { Value = clusterId });
            version = (long?)await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? 0;
        }

        var silos = new List<SiloEntry>();
        await using (var rows = new NpgsqlCommand(
            "SELECT host, port, generation, name, status, gateway_url, worker_slots, start_time, i_am_alive, suspected_by FROM graincompute_membership WHERE cluster_id = $1",
            connection,
            transaction))
        {
            rows.Parameters.Add(new NpgsqlParameter { Value = clusterId });
            await using var reader = await rows.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                silos.Add(new SiloEntry(
                    new SiloAddress(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2)),
                    reader.GetString(3),
                    (SiloStatus)reader.GetInt32(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.GetInt32(6),
                    reader.GetFieldValue<DateTimeOffset>(7),
                    reader.GetFieldValue<DateTimeOffset>(8),
                    reader.GetFieldValue<string[]>(9)));
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new MembershipSnapshot(version, silos);
    }

    public async Task<bool> TryWriteAsync(SiloEntry entry, long expectedVersion, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var bump = new NpgsqlCommand(
            "UPDATE graincompute_membership_version SET version = version + 1, updated = now() WHERE cluster_id = $1 AND version = $2",
            connection,
            transaction))
        {
            bump.Parameters.Add(new NpgsqlParameter { Value = clusterId });
            bump.Parameters.Add(new NpgsqlParameter { Value = expectedVersion });
            if (await bump.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return false;
            }
        }

        await using (var upsert = new NpgsqlCommand(
            """
            INSERT INTO graincompute_membership (cluster_id, address, host, port, generation, name, status, gateway_url, worker_slots, start_time, i_am_alive, suspected_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            ON CONFLICT (cluster_id, address) DO UPDATE SET
                name = excluded.name, status = excluded.status, gateway_url = excluded.gateway_url, worker_slots = excluded.worker_slots,
                start_time = excluded.start_time, i_am_alive = excluded.i_am_alive, suspected_by = excluded.suspected_by
            """,
            connection,
            transaction))
        {
            foreach (var value in new object?[]
            {
                clusterId, entry.Address.ToString(), entry.Address.Host, entry.Address.Port, entry.Address.Generation, entry.Name, (int)entry.Status,
                (object?)entry.GatewayUrl ?? DBNull.Value, entry.WorkerSlots, entry.StartTime, entry.IAmAliveTime,
            })
            {
                upsert.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            upsert.Parameters.Add(new NpgsqlParameter { Value = entry.SuspectedBy.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Creates the tables and this cluster's version row if missing (safe to run from many silos at once).</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _migrated) == 1)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var migrate = new NpgsqlBatch(connection, transaction))
        {
            migrate.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock($1)") { Parameters = { new NpgsqlParameter { Value = MigrationLockKey } } });
            migrate.BatchCommands.Add(new NpgsqlBatchCommand(MembershipSchema.CreateVersionTable));
            migrate.BatchCommands.Add(new NpgsqlBatchCommand(MembershipSchema.CreateSiloTable));
            migrate.BatchCommands.Add(new NpgsqlBatchCommand(MembershipSchema.InsertVersionRow) { Parameters = { new NpgsqlParameter { Value = clusterId } } });
            await migrate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _migrated, 1);
    }
}
