using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace GrainCompute.Server.Security;

/// <summary>
/// Decides whether a peer's certificate belongs to the cluster: it must chain to one of the configured CAs (and to
/// nothing else: the system's roots are not trusted, so a certificate any public CA issued is refused). Host names are
/// not checked — silos dial each other by pod IP and address changes with every restart — which makes the CA the
/// cluster's membership credential: keep it for this cluster alone.
/// </summary>
internal static class PeerCertificateValidator
{
    public static RemoteCertificateValidator For(X509Certificate2Collection authorities) =>
        (certificate, chain, errors) =>
            !errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable) && ChainsTo(certificate, authorities, chain, out _);

    public static bool ChainsTo(X509Certificate2 certificate, X509Certificate2Collection authorities, X509Chain? extra, out string status)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);

        // A development CA publishes no revocation list; revocation is by rotating the CA (docs/security.md).
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (extra is not null)
        {
            foreach (var element in extra.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        var built = chain.Build(certificate);
        status = built ? "ok" : string.Join(", ", chain.ChainStatus.Select(s => s.Status));
        return built;
    }
}
