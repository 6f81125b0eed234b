namespace GrainCompute.Runtime;

/// <summary>The membership tables' DDL; also shipped as sql/membership.sql for DBAs who create tables by hand.</summary>
internal static class MembershipSchema
{
    // One statement list so it runs in one round trip; $1 = advisory lock key, $2 = cluster id.
    public const string Sql =
        """
        SELECT pg_advisory_xact_lock($1);
        CREATE TABLE IF NOT EXISTS graincompute_membership_version (
            cluster_id text PRIMARY KEY,
            version bigint NOT NULL,
            updated timestamptz NOT NULL DEFAULT now());
        CREATE TABLE IF NOT EXISTS graincompute_membership (
            cluster_id text NOT NULL,
            address text NOT NULL,
            host text NOT NULL,
            port integer NOT NULL,
            generation bigint NOT NULL,
            name text NOT NULL,
            status integer NOT NULL,
            gateway_url text NULL,
            worker_slots integer NOT NULL,
            start_time timestamptz NOT NULL,
            i_am_alive timestamptz NOT NULL,
            suspected_by text[] NOT NULL DEFAULT '{}',
            PRIMARY KEY (cluster_id, address));
        INSERT INTO graincompute_membership_version (cluster_id, version) VALUES ($2, 0) ON CONFLICT DO NOTHING;
        """;
}
