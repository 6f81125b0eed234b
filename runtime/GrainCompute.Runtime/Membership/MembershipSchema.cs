namespace GrainCompute.Runtime;

/// <summary>The membership tables' DDL, run by <see cref="PostgresMembershipTable.EnsureSchemaAsync"/> under an advisory lock.</summary>
internal static class MembershipSchema
{
    public const string CreateVersionTable =
        """
        CREATE TABLE IF NOT EXISTS graincompute_membership_version (
            cluster_id text PRIMARY KEY,
            version bigint NOT NULL,
            updated timestamptz NOT NULL DEFAULT now())
        """;

    public const string CreateSiloTable =
        """
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
            PRIMARY KEY (cluster_id, address))
        """;

    /// <summary>$1 = cluster id.</summary>
    public const string InsertVersionRow =
        "INSERT INTO graincompute_membership_version (cluster_id, version) VALUES ($1, 0) ON CONFLICT DO NOTHING";
}
