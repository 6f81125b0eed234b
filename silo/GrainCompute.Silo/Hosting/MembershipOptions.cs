namespace GrainCompute.Server.Hosting;

/// <summary>Where membership and job state live ("Membership" section, GRAINCOMPUTE__MEMBERSHIP__…).</summary>
public sealed class MembershipOptions
{
    /// <summary>
    /// "Development": one silo, everything in memory, no external service (the embedded default).
    /// "PostgreSQL": the production provider; silos sharing a database and cluster id form one cluster.
    /// </summary>
    public string Provider { get; set; } = "Development";

    /// <summary>Npgsql connection string, required for PostgreSQL (keep it in a Secret).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The CA (PEM) that issued PostgreSQL's server certificate. When set, the silo connects with SSL Mode=VerifyFull
    /// and this root whatever the connection string says, so a Secret's string cannot quietly turn TLS off.
    /// </summary>
    public string? TlsCaPath { get; set; }

    /// <summary>The connection string the silo uses: <see cref="ConnectionString"/>, with TLS enforced when <see cref="TlsCaPath"/> is set.</summary>
    public string? EffectiveConnectionString => string.IsNullOrEmpty(TlsCaPath) || string.IsNullOrWhiteSpace(ConnectionString)
        ? ConnectionString
        : new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { SslMode = Npgsql.SslMode.VerifyFull, RootCertificate = TlsCaPath }.ConnectionString;

    public bool UsesPostgres => string.Equals(Provider, "PostgreSQL", StringComparison.OrdinalIgnoreCase);

    public IEnumerable<string> Validate()
    {
        if (!UsesPostgres && !string.Equals(Provider, "Development", StringComparison.OrdinalIgnoreCase))
        {
            yield return $"Membership:Provider '{Provider}' is not known; use Development or PostgreSQL (set GRAINCOMPUTE__MEMBERSHIP__PROVIDER)";
        }

        if (UsesPostgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return "Membership:ConnectionString is required for the PostgreSQL provider (set GRAINCOMPUTE__MEMBERSHIP__CONNECTIONSTRING)";
        }

        if (UsesPostgres && !string.IsNullOrWhiteSpace(ConnectionString))
        {
            string? problem = null;
            try
            {
                _ = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
            }
            catch (ArgumentException exception)
            {
                problem = $"Membership:ConnectionString is not a valid connection string: {exception.Message} (set GRAINCOMPUTE__MEMBERSHIP__CONNECTIONSTRING)";
            }

            if (problem is not null)
            {
                yield return problem;
            }
        }

        if (!string.IsNullOrEmpty(TlsCaPath) && !File.Exists(TlsCaPath))
        {
            yield return $"Membership:TlsCaPath names '{TlsCaPath}', which does not exist (set GRAINCOMPUTE__MEMBERSHIP__TLSCAPATH, or mount the graincompute-postgres-ca Secret there)";
        }
    }
}
