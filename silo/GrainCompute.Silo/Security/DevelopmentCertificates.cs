using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GrainCompute.Server.Security;

/// <summary>
/// A development CA and the certificates it issues for cluster TLS (`graincompute certs create`, and tests): ECDSA
/// P-256, the silo's certificate for server and client authentication (it both accepts and dials), a client's for
/// client authentication only. Names are not checked between silos (<see cref="PeerCertificateValidator"/>), so the
/// subject alternative names only matter to other tools that talk to a silo.
/// </summary>
public sealed class DevelopmentCertificates : IDisposable
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    private readonly ECDsa _authorityKey;

    private DevelopmentCertificates(X509Certificate2 authority, ECDsa authorityKey)
    {
        Authority = authority;
        _authorityKey = authorityKey;
    }

    /// <summary>The CA's certificate, with its private key (so <see cref="WritePem"/> can write ca.key).</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>A new self-signed CA valid from now for <paramref name="validity"/>.</summary>
    public static DevelopmentCertificates CreateAuthority(string name, TimeSpan validity, TimeProvider? time = null)
    {
        var now = (time ?? TimeProvider.System).GetUtcNow();
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={name}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return new DevelopmentCertificates(request.CreateSelfSigned(now.AddMinutes(-5), now.Add(validity)), key);
    }

    /// <summary>A silo's certificate: server and client authentication, for localhost and <paramref name="names"/> (DNS names or IP addresses).</summary>
    public X509Certificate2 IssueSilo(string name, IEnumerable<string> names, TimeSpan validity, TimeProvider? time = null) =>
        Issue(name, [ServerAuthentication, ClientAuthentication], ["localhost", "127.0.0.1", "::1", .. names], validity, time);

    /// <summary>An Orleans client's certificate: client authentication only.</summary>
    public X509Certificate2 IssueClient(string name, TimeSpan validity, TimeProvider? time = null) =>
        Issue(name, [ClientAuthentication], [], validity, time);

    /// <summary>Writes <paramref name="certificate"/> as {stem}.crt and its key as {stem}.key (owner-only on Unix).</summary>
    public static void WritePem(X509Certificate2 certificate, string directory, string stem)
    {
        File.WriteAllText(Path.Combine(directory, stem + ".crt"), certificate.ExportCertificatePem() + "\n");
        using var key = certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException($"{stem} has no private key");
        var keyPath = Path.Combine(directory, stem + ".key");
        File.WriteAllText(keyPath, "");
        if (!OperatingSystem.IsWindows())
        {
            // Narrowed before the key is written, so it is never readable by others, not even for a moment.
            File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem() + "\n");
    }

    public void Dispose()
    {
        Authority.Dispose();
        _authorityKey.Dispose();
    }

    private X509Certificate2 Issue(string name, Oid[] usages, IEnumerable<string> names, TimeSpan validity, TimeProvider? time)
    {
        var now = (time ?? TimeProvider.System).GetUtcNow();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={name}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([.. usages], critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Authority, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var alternativeNames = new SubjectAlternativeNameBuilder();
        foreach (var alternative in names.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (IPAddress.TryParse(alternative, out var address))
            {
                alternativeNames.AddIpAddress(address);
            }
            else
            {
                alternativeNames.AddDnsName(alternative);
            }
        }

        if (names.Any())
        {
            request.CertificateExtensions.Add(alternativeNames.Build());
        }

        var notAfter = now.Add(validity) < Authority.NotAfter ? now.Add(validity) : new DateTimeOffset(Authority.NotAfter.ToUniversalTime());
        using var issued = request.Create(Authority.SubjectName, X509SignatureGenerator.CreateForECDsa(_authorityKey), now.AddMinutes(-5), notAfter, RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }
}
