namespace GrainCompute.Server.Security;

/// <summary>
/// Mutual TLS between silos and from Orleans clients to gateways ("Cluster:Tls" section, GRAINCOMPUTE__CLUSTER__TLS__…):
/// PEM files, in Kubernetes a mounted Secret (tls.crt, tls.key, ca.crt). Off unless the three paths are set; a
/// production deployment sets <see cref="Required"/> so a missing Secret stops the silo instead of running it open.
/// </summary>
public sealed class ClusterTlsOptions
{
    /// <summary>This process's certificate (PEM), issued by the cluster's CA, usable for server and client authentication.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Its private key (PEM, PKCS#8 or the key type's own format).</summary>
    public string? KeyPath { get; set; }

    /// <summary>The cluster's CA certificate(s) (PEM; several during a CA rotation): a peer is let in only with a certificate they issued.</summary>
    public string? CaPath { get; set; }

    /// <summary>Refuse to start without the three paths.</summary>
    public bool Required { get; set; }

    /// <summary>How long a connection may take to finish its TLS handshake before it is dropped (a slowloris on the silo or gateway port).</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool Enabled => !string.IsNullOrEmpty(CertificatePath) || !string.IsNullOrEmpty(KeyPath) || !string.IsNullOrEmpty(CaPath);

    public IEnumerable<string> Validate()
    {
        if (!Enabled)
        {
            if (Required)
            {
                yield return "Cluster:Tls:Required is set but no certificate is configured: set Cluster:Tls:CertificatePath, KeyPath and CaPath (GRAINCOMPUTE__CLUSTER__TLS__CERTIFICATEPATH, __KEYPATH, __CAPATH; in Kubernetes mount the graincompute-cluster-tls Secret)";
            }

            yield break;
        }

        foreach (var (name, path) in new[] { ("CertificatePath", CertificatePath), ("KeyPath", KeyPath), ("CaPath", CaPath) })
        {
            if (string.IsNullOrEmpty(path))
            {
                yield return $"Cluster:Tls:{name} is not set, but the other TLS paths are: set all three (GRAINCOMPUTE__CLUSTER__TLS__{name.ToUpperInvariant()})";
            }
            else if (!File.Exists(path))
            {
                yield return $"Cluster:Tls:{name} names '{path}', which does not exist (set GRAINCOMPUTE__CLUSTER__TLS__{name.ToUpperInvariant()}, or mount the Secret there)";
            }
        }

        if (HandshakeTimeout <= TimeSpan.Zero || HandshakeTimeout > TimeSpan.FromMinutes(5))
        {
            yield return $"Cluster:Tls:HandshakeTimeout must be 00:00:00..00:05:00 exclusive of zero, not {HandshakeTimeout} (set GRAINCOMPUTE__CLUSTER__TLS__HANDSHAKETIMEOUT)";
        }
    }
}
