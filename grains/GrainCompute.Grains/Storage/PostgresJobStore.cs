using Npgsql;

namespace GrainCompute.Grains;

/// <summary>
/// The job store of a cluster, in PostgreSQL. Chunk outcomes are inserted in batches (one round trip per batch)
/// with ON CONFLICT DO NOTHING, so the first outcome of a chunk wins. Tables are created on first use,
/// idempotently, under an advisory lock.
/// </summary>
public sealed class PostgresJobStore(NpgsqlDataSource dataSource) : IJobStore
{
    private const long MigrationLockKey = 0x4743_4A4F_4253; // "GCJOBS"
    private int _migrated;

    public async Task<bool> CreateAsync(StoredJob job, CancellationToken cancellationToken = default)
    {
        await using var command = await CommandAsync(
            """
            INSERT INTO graincompute_jobs (id, kernel, spec, parameters, chunk_size, items, state, submitted)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING
            """,
            cancellationToken,
            job.Id, job.Kernel, job.SpecJson, job.ParametersJson, job.ChunkSize, job.Items, (int)job.State, job.Submitted).ConfigureAwait(false);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task PlanAsync(string jobId, string? parametersJson, int chunkSize, long items, CancellationToken cancellationToken = default)
    {
        await using var command = await CommandAsync(
            "UPDATE graincompute_jobs SET parameters = $2, chunk_size = $3, items = $4 WHERE id = $1",
            cancellationToken,
            jobId, parametersJson, chunkSize, items).ConfigureAwait(false);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoredJob?> LoadAsync(string jobId, CancellationToken cancellationToken = default)
    {
        StoredJob job;
        await using (var command = await CommandAsync(
            "SELECT kernel, spec, parameters, chunk_size, items, state, submitted, finished, result, error FROM graincompute_jobs WHERE id = $1",
            cancellationToken,
            jobId).ConfigureAwait(false))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            job = new StoredJob(
                jobId,
                reader.GetString(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetInt32(3),
                reader.GetInt64(4),
                (JobState)reader.GetInt32(5),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                []);
        }

        var chunks = await ReadChunksAsync(jobId, null, cancellationToken).ConfigureAwait(false);
        return job with { Chunks = chunks };
    }

    public async Task<IReadOnlyList<StoredChunk>> SaveChunksAsync(string jobId, IReadOnlyList<StoredChunk> chunks, CancellationToken cancellationToken = default)
    {
        if (chunks.Count == 0)
        {
            return [];
        }

        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        await using (var batch = new NpgsqlBatch(connection))
        {
            foreach (var chunk in chunks)
            {
                var insert = new NpgsqlBatchCommand(
                    """
                    INSERT INTO graincompute_chunks (job_id, chunk_index, state, payload, error, silo, worker, started, ended, attempts, seconds)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (job_id, chunk_index) DO NOTHING
                    """);
                foreach (var value in new object?[] { jobId, chunk.Index, (int)chunk.State, chunk.Payload, chunk.Error, chunk.Silo, chunk.Worker, chunk.Started, chunk.Ended, chunk.Attempts, chunk.Seconds })
                {
                    insert.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
                }

                batch.BatchCommands.Add(insert);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return await ReadChunksAsync(jobId, [.. chunks.Select(c => c.Index)], cancellationToken).ConfigureAwait(false);
    }

    public async Task FinishAsync(string jobId, JobState state, string? resultJson, string? error, DateTimeOffset finished, DateTimeOffset expires, CancellationToken cancellationToken = default)
    {
        await using var command = await CommandAsync(
            "UPDATE graincompute_jobs SET state = $2, result = $3, error = $4, finished = $5, expires = $6 WHERE id = $1",
            cancellationToken,
            jobId, (int)state, resultJson, error, finished, expires).ConfigureAwait(false);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = await CommandAsync("DELETE FROM graincompute_jobs WHERE expires < $1", cancellationToken, now).ConfigureAwait(false);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredJobSummary>> ListAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var command = await CommandAsync(
            "SELECT id, kernel, state, submitted, finished FROM graincompute_jobs ORDER BY submitted DESC LIMIT $1",
            cancellationToken,
            limit).ConfigureAwait(false);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var jobs = new List<StoredJobSummary>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            jobs.Add(new StoredJobSummary(reader.GetString(0), reader.GetString(1), (JobState)reader.GetInt32(2), reader.GetFieldValue<DateTimeOffset>(3), reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return jobs;
    }

    public async Task<int> CountUnfinishedAsync(CancellationToken cancellationToken = default)
    {
        await using var command = await CommandAsync("SELECT count(*) FROM graincompute_jobs WHERE finished IS NULL", cancellationToken).ConfigureAwait(false);
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<IReadOnlyList<string>> UnfinishedAsync(CancellationToken cancellationToken = default)
    {
        await using var command = await CommandAsync("SELECT id FROM graincompute_jobs WHERE finished IS NULL", cancellationToken).ConfigureAwait(false);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>Stored chunks of a job (only <paramref name="indices"/>, when given), by sequence number.</summary>
    private async Task<IReadOnlyList<StoredChunk>> ReadChunksAsync(string jobId, int[]? indices, CancellationToken cancellationToken)
    {
        var chunks = new List<StoredChunk>();
        await using var command = await CommandAsync(
            "SELECT chunk_index, state, payload, seq, error, silo, worker, started, ended, attempts, seconds FROM graincompute_chunks WHERE job_id = $1 AND ($2::integer[] IS NULL OR chunk_index = ANY($2)) ORDER BY seq",
            cancellationToken,
            jobId,
            indices).ConfigureAwait(false);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            chunks.Add(new StoredChunk(
                reader.GetInt32(0),
                (FutureState)reader.GetInt32(1),
                reader.IsDBNull(2) ? null : reader.GetFieldValue<byte[]>(2),
                reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
                reader.GetInt32(9),
                reader.GetDouble(10)));
        }

        return chunks;
    }

    /// <summary>Creates the tables if missing (safe to run from many silos at once).</summary>
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
            foreach (var statement in JobStoreSchema.Statements)
            {
                migrate.BatchCommands.Add(new NpgsqlBatchCommand(statement));
            }

            await migrate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _migrated, 1);
    }

    // The connection returns to the pool when the command's reader or the command is disposed.
    private async Task<NpgsqlCommand> CommandAsync(string sql, CancellationToken cancellationToken, params object?[] values)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var command = dataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }
}
