namespace GrainCompute.Providers.PostgreSql;

/// <summary>The job store's DDL, run by <see cref="PostgresJobStore.EnsureSchemaAsync"/>.</summary>
internal static class JobStoreSchema
{
    public static readonly string[] Statements =
    [
        """
        CREATE TABLE IF NOT EXISTS graincompute_jobs (
            id text PRIMARY KEY,
            kernel text NOT NULL,
            spec text NOT NULL,
            parameters text NULL,
            chunk_size integer NOT NULL,
            items bigint NOT NULL,
            state integer NOT NULL,
            submitted timestamptz NOT NULL,
            finished timestamptz NULL,
            result text NULL,
            error text NULL)
        """,
        // Added after the first release: tables created before it get the column here.
        "ALTER TABLE graincompute_jobs ADD COLUMN IF NOT EXISTS expires timestamptz NULL",
        // The fence of job writes (see IJobStore); jobs stored before it start at epoch 1, as new ones do.
        "ALTER TABLE graincompute_jobs ADD COLUMN IF NOT EXISTS epoch bigint NOT NULL DEFAULT 1",
        "CREATE INDEX IF NOT EXISTS graincompute_jobs_expires ON graincompute_jobs (expires) WHERE expires IS NOT NULL",
        "CREATE INDEX IF NOT EXISTS graincompute_jobs_unfinished ON graincompute_jobs (submitted) WHERE finished IS NULL",
        "CREATE INDEX IF NOT EXISTS graincompute_jobs_submitted ON graincompute_jobs (submitted DESC)",
        """
        CREATE TABLE IF NOT EXISTS graincompute_chunks (
            job_id text NOT NULL REFERENCES graincompute_jobs (id) ON DELETE CASCADE,
            chunk_index integer NOT NULL,
            state integer NOT NULL,
            payload bytea NULL,
            seq bigint GENERATED ALWAYS AS IDENTITY,
            error text NULL,
            silo text NULL,
            worker text NULL,
            started timestamptz NULL,
            ended timestamptz NULL,
            attempts integer NOT NULL,
            seconds double precision NOT NULL,
            PRIMARY KEY (job_id, chunk_index))
        """,
    ];
}
