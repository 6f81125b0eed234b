namespace GrainCompute.Providers.PostgreSql;

/// <summary>Where the PostgreSQL clustering provider keeps the Orleans membership table.</summary>
public sealed class PostgresClusteringOptions
{
    /// <summary>An Npgsql connection string. The cluster id comes from Orleans' <c>ClusterOptions</c>, not from here.</summary>
    public string ConnectionString { get; set; } = string.Empty;
}
