namespace GrainCompute.Server.Security;

/// <summary>Cluster TLS log messages. Event ids 3200–3299.</summary>
internal static partial class ClusterTlsLog
{
    /// <summary>Without TLS, a warning only when the ports listen beyond loopback: the embedded silo of `graincompute run` stays quiet.</summary>
    public static void Effective(ILogger logger, ClusterCertificates? certificates, System.Net.IPAddress listen)
    {
        if (certificates is null && System.Net.IPAddress.IsLoopback(listen))
        {
            OffOnLoopback(logger);
        }
        else if (certificates is null)
        {
            Off(logger);
        }
        else
        {
            On(logger, certificates.Local.Subject, certificates.Local.Thumbprint, certificates.Local.NotAfter.ToUniversalTime(), string.Join("; ", certificates.Authorities.Select(a => a.Subject)));
        }
    }

    [LoggerMessage(3200, LogLevel.Information, "Cluster TLS on: certificate {Subject} ({Thumbprint}, expires {NotAfter:u}), peers must chain to {Authorities}")]
    private static partial void On(ILogger logger, string subject, string thumbprint, DateTime notAfter, string authorities);

    [LoggerMessage(3202, LogLevel.Debug, "Cluster TLS off; silo and gateway ports listen on loopback only")]
    private static partial void OffOnLoopback(ILogger logger);

    [LoggerMessage(3201, LogLevel.Warning, "Cluster TLS off: silo and gateway ports take plaintext connections from anyone who can reach them (set Cluster:Tls, docs/security.md)")]
    private static partial void Off(ILogger logger);
}
