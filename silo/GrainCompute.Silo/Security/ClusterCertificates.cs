using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GrainCompute.Server.Hosting;

namespace GrainCompute.Server.Security;

/// <summary>
/// This process's certificate and the CA(s) that a peer's must chain to, loaded from PEM files and checked at start:
/// a certificate the cluster's own CA did not issue, an expired one, or one that cannot authenticate both ways
/// stops the process with a message naming the file, rather than failing every connection later.
/// </summary>
public sealed class ClusterCertificates
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    private ClusterCertificates(X509Certificate2 local, X509Certificate2Collection authorities, TimeSpan handshakeTimeout)
    {
        Local = local;
        Authorities = authorities;
        HandshakeTimeout = handshakeTimeout;
    }

    public X509Certificate2 Local { get; }

    public X509Certificate2Collection Authorities { get; }

    public TimeSpan HandshakeTimeout { get; }

    /// <summary>Loads and checks the files <paramref name="options"/> names; <paramref name="server"/> for a silo (its certificate also serves).</summary>
    /// <exception cref="SiloConfigurationException">A file is unreadable, or the certificate does not fit the CA or its use.</exception>
    public static ClusterCertificates Load(ClusterTlsOptions options, bool server = true)
    {
        X509Certificate2 local;
        var authorities = new X509Certificate2Collection();
        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(options.CertificatePath!, options.KeyPath);

            // Through PKCS#12: SslStream on Windows cannot use the ephemeral key a PEM import makes.
            local = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
            authorities.ImportFromPemFile(options.CaPath!);
        }
        catch (Exception exception) when (exception is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new SiloConfigurationException([$"Cluster:Tls: cannot load {options.CertificatePath} with key {options.KeyPath} and CA {options.CaPath}: {exception.Message}"]);
        }

        var problems = new List<string>();
        if (authorities.Count == 0)
        {
            problems.Add($"Cluster:Tls:CaPath '{options.CaPath}' holds no PEM certificate");
        }
        else if (!PeerCertificateValidator.ChainsTo(local, authorities, extra: null, out var status))
        {
            problems.Add($"Cluster:Tls:CertificatePath '{options.CertificatePath}' ({local.Subject}) was not issued by the CA in '{options.CaPath}', or has expired: {status}");
        }

        if (!AllowsUse(local, ClientAuthentication) || (server && !AllowsUse(local, ServerAuthentication)))
        {
            problems.Add($"Cluster:Tls:CertificatePath '{options.CertificatePath}' must allow {(server ? "server and client" : "client")} authentication (extended key usage); `graincompute certs create` makes one that does");
        }

        if (problems.Count > 0)
        {
            local.Dispose();
            throw new SiloConfigurationException(problems);
        }

        return new ClusterCertificates(local, authorities, options.HandshakeTimeout);
    }

    private static bool AllowsUse(X509Certificate2 certificate, Oid usage) =>
        certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault() is not { } extension ||
        extension.EnhancedKeyUsages.Cast<Oid>().Any(u => u.Value == usage.Value);
}
