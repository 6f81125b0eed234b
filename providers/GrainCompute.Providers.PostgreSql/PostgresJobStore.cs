using GrainCompute.Grains;
using Npgsql;

namespace GrainCompute.Providers.PostgreSql;

/// <summary>
/// The job store of a cluster, in PostgreSQL. Chunk outcomes are inserted in batches (one round trip per batch)
/// with ON CONFLICT DO NOTHING, so the first outcome of a chunk wins. Every write is fenced by the job's epoch in
/// the same batch (one transaction): it locks the job's row, and each statement writes only at the caller's epoch.
/// Tables are created on first use, idempotently, under an advisory lock.
/// </summary>
public sealed class PostgresJobStore(NpgsqlDataSource dataSource) : IJobStore
{
    private const long MigrationLockKey = 0x4743_4A4F_4253; // "GCJOBS"
    private const string JobColumns = "kernel, spec, parameters, chunk_size, items, state, submitted, finished, result, error, epoch";
    private const string ChunksSql =
        "SELECT chunk_index, state, payload, seq, error, silo, worker, started, ended, attempts, seconds FROM graincompute_chunks WHERE job_id = $1 AND ($2::integer[] IS NULL OR chunk_index = ANY($2)) ORDER BY seq";
    private int _migrated;

    public async Task<bool> CreateAsync(StoredJob job, CancellationToken cancellationToken = default)
    {
        await using var command = await CommandAsync(
            """
            INSERT INTO graincompute_jobs (id, kernel, spec, parameters, chunk_size, items, state, submitted, epoch)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1) ON CONFLICT (id) DO NOTHING
            """,
            cancellationToken,
            job.Id, job.Kernel, job.SpecJson, job.ParametersJson, job.ChunkSize, job.Items, (int)job.State, job.Submitted).ConfigureAwait(false);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public Task<StoredJob?> ClaimAsync(string jobId, CancellationToken cancellationToken = default) =>
        // The UPDATE waits for writes that hold the row (see FencedAsync) and makes later ones fail; the chunks are
        // read by the next statement of the same batch, so they include every write that came before the claim.
        ReadJobAsync(jobId, $"UPDATE graincompute_jobs SET epoch = epoch + 1 WHERE id = $1 RETURNING {JobColumns}", cancellationToken);

    public Task<StoredJob?> ReadAsync(string jobId, CancellationToken cancellationToken = default) =>
        ReadJobAsync(jobId, $"SELECT {JobColumns} FROM graincompute_jobs WHERE id = $1", cancellationToken);

    public Task<IReadOnlyList<StoredChunk>> ReadChunksAsync(string jobId, IReadOnlyList<int> indices, CancellationToken cancellationToken = default) =>
        ReadChunksAsync(jobId, [.. indices], cancellationToken);

    public async Task<string?> ReadResultAsync(string jobId, CancellationToken cancellationToken = default)
    {
        await using var command = await CommandAsync("SELECT result FROM graincompute_jobs WHERE id = $1", cancellationToken, jobId).ConfigureAwait(false);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public async Task PlanAsync(string jobId, long epoch, string? parametersJson, int chunkSize, long items, CancellationToken cancellationToken = default)
    {
        var stored = await FencedAsync(
            jobId,
            epoch,
            "FOR NO KEY UPDATE",
            [BatchCommand("UPDATE graincompute_jobs SET parameters = $3, chunk_size = $4, items = $5 WHERE id = $1 AND epoch = $2", jobId, epoch, parametersJson, chunkSize, items)],
            cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            throw new KeyNotFoundException($"There is no job {jobId}.");
        }
    }

    public async Task<IReadOnlyList<StoredChunk>> SaveChunksAsync(string jobId, long epoch, IReadOnlyList<StoredChunk> chunks, CancellationToken cancellationToken = default)
    {
        // Inserted from a SELECT of the job's row at the caller's epoch, so a fenced-off batch inserts nothing.
        var inserts = chunks.Select(chunk => BatchCommand(
            """
            INSERT INTO graincompute_chunks (job_id, chunk_index, state, payload, error, silo, worker, started, ended, attempts, seconds)
            SELECT $1, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 FROM graincompute_jobs WHERE id = $1 AND epoch = $2
            ON CONFLICT (job_id, chunk_index) DO NOTHING
            """,
            jobId, epoch, chunk.Index, (int)chunk.State, chunk.Payload, chunk.Error, chunk.Silo, chunk.Worker, chunk.Started, chunk.Ended, chunk.Attempts, chunk.Seconds));

        // FOR SHARE: batches of the same owner don't wait for each other, a claim waits for them.
        var stored = await FencedAsync(jobId, epoch, "FOR SHARE", [.. inserts], cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            throw new KeyNotFoundException($"There is no job {jobId}.");
        }

        return chunks.Count == 0 ? [] : await ReadChunksAsync(jobId, [.. chunks.Select(c => c.Index)], cancellationToken).ConfigureAwait(false);
    }

    public async Task FinishAsync(string jobId, long epoch, JobState state, string? resultJson, string? error, DateTimeOffset finished, DateTimeOffset expires, CancellationToken cancellationToken = default) =>
        // A job that is gone (its retention ended) stays gone: no row, nothing to fence or to update.
        await FencedAsync(
            jobId,
            epoch,
            "FOR NO KEY UPDATE",
            [BatchCommand("UPDATE graincompute_jobs SET state = $3, result = $4, error = $5, finished = $6, expires = $7 WHERE id = $1 AND epoch = $2", jobId, epoch, (int)state, resultJson, error, finished, expires)],
            cancellationToken).ConfigureAwait(false);

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

    /// <summary>
    /// Runs <paramref name="writes"/> (each guarded by <c>epoch = $2</c>) only while the job is at
    /// <paramref name="epoch"/>: one batch, which PostgreSQL runs as one implicit transaction, first locks the job's row
    /// (<paramref name="lockMode"/>), so no claim can commit between the check and the writes, then writes. Returns
    /// the job's epoch, null when there is no such job (nothing written either way).
    /// </summary>
    /// <exception cref="JobOwnershipLostException">The job is at another epoch; the guards wrote nothing.</exception>
    private async Task<long?> FencedAsync(string jobId, long epoch, string lockMode, NpgsqlBatchCommand[] writes, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(BatchCommand($"SELECT epoch FROM graincompute_jobs WHERE id = $1 {lockMode}", jobId));
        foreach (var write in writes)
        {
            batch.BatchCommands.Add(write);
        }

        long? stored;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            stored = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? reader.GetInt64(0) : null;

            // Through the writes' results too, so that a write that failed throws here.
            while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
            {
            }
        }

        if (stored is { } current && current != epoch)
        {
            throw JobOwnershipLostException.For(jobId, epoch, current);
        }

        return stored;
    }

    /// <summary>A job's row (by <paramref name="jobSql"/>, returning <see cref="JobColumns"/>) and then its chunks, in one batch.</summary>
    private async Task<StoredJob?> ReadJobAsync(string jobId, string jobSql, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands = { BatchCommand(jobSql, jobId), BatchCommand(ChunksSql, jobId, null) },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var job = new StoredJob(
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
            [],
            reader.GetInt64(10));
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        return job with { Chunks = await ReadChunksAsync(reader, cancellationToken).ConfigureAwait(false) };
    }

    /// <summary>Stored chunks of a job (only <paramref name="indices"/>, when given), by sequence number.</summary>
    private async Task<IReadOnlyList<StoredChunk>> ReadChunksAsync(string jobId, int[]? indices, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(ChunksSql, cancellationToken, jobId, indices).ConfigureAwait(false);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await ReadChunksAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The rows of <see cref="ChunksSql"/> from the reader's current result.</summary>
    private static async Task<IReadOnlyList<StoredChunk>> ReadChunksAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var chunks = new List<StoredChunk>();
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

    private static NpgsqlBatchCommand BatchCommand(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
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
