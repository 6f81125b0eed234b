using GrainCompute.Server.Security;

namespace GrainCompute.Service.Tests.Security;

/// <summary>A CA of its own with a silo and a client certificate as PEM files in a temporary folder, as `graincompute certs create` writes them.</summary>
internal sealed class ClusterCertificateFiles : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("graincompute-certs-").FullName;

    public ClusterCertificateFiles(string authority)
    {
        using var certificates = DevelopmentCertificates.CreateAuthority(authority, TimeSpan.FromDays(1));
        DevelopmentCertificates.WritePem(certificates.Authority, _folder, "ca");
        using var silo = certificates.IssueSilo("silo", [], TimeSpan.FromDays(1));
        DevelopmentCertificates.WritePem(silo, _folder, "silo");
        using var client = certificates.IssueClient("client", TimeSpan.FromDays(1));
        DevelopmentCertificates.WritePem(client, _folder, "client");
    }

    public string Ca => Path.Combine(_folder, "ca.crt");

    /// <summary>The settings that give a silo this CA's silo certificate.</summary>
    public string[] SiloSettings =>
        [$"--Cluster:Tls:CertificatePath={Path.Combine(_folder, "silo.crt")}", $"--Cluster:Tls:KeyPath={Path.Combine(_folder, "silo.key")}", $"--Cluster:Tls:CaPath={Ca}"];

    public ClusterTlsOptions Client => new() { CertificatePath = Path.Combine(_folder, "client.crt"), KeyPath = Path.Combine(_folder, "client.key"), CaPath = Ca };

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
