using Orleans.Connections.Security;

namespace GrainCompute.Server.Security;

/// <summary>
/// Mutual TLS on every Orleans connection (Microsoft.Orleans.Connections.Security): silo to silo, and client to
/// gateway. Both ends present a certificate and check the other's against the cluster CA, so a process without one
/// can neither join (its membership probes and the others' to it fail) nor call a grain through a gateway. The
/// handshake is bounded by <see cref="ClusterCertificates.HandshakeTimeout"/>: a connection that sends nothing, or
/// garbage, is dropped before the Orleans protocol reads a byte of it.
/// </summary>
public static class ClusterTls
{
    public static ISiloBuilder UseClusterTls(this ISiloBuilder silo, ClusterCertificates certificates) =>
        silo.UseTls(options => Configure(options, certificates));

    public static IClientBuilder UseClusterTls(this IClientBuilder client, ClusterCertificates certificates) =>
        client.UseTls(options => Configure(options, certificates));

    private static void Configure(TlsOptions options, ClusterCertificates certificates)
    {
        options.LocalCertificate = certificates.Local;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;

        // Outbound too: without this Orleans sends no certificate when it thinks the key usage does not fit, and
        // the refusal shows up far away, on the other side.
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = PeerCertificateValidator.For(certificates.Authorities);
        options.HandshakeTimeout = certificates.HandshakeTimeout;
    }
}
