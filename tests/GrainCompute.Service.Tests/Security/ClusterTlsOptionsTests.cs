using GrainCompute.Server.Hosting;

namespace GrainCompute.Service.Tests.Security;

public sealed class ClusterTlsOptionsTests
{
    [Fact]
    public void Required_tls_without_certificates_stops_the_silo_saying_which_secret_to_mount()
    {
        var refused = Assert.Throws<SiloConfigurationException>(() => SiloHost.Build(["--Cluster:Tls:Required=true"]));

        Assert.Contains(refused.Problems, p => p.Contains("GRAINCOMPUTE__CLUSTER__TLS__CERTIFICATEPATH", StringComparison.Ordinal) && p.Contains("graincompute-cluster-tls", StringComparison.Ordinal));
    }

    [Fact]
    public void A_certificate_path_that_does_not_exist_stops_the_silo_naming_it()
    {
        using var certificates = new ClusterCertificateFiles("GrainCompute test CA");

        var refused = Assert.Throws<SiloConfigurationException>(() => SiloHost.Build([.. certificates.SiloSettings, "--Cluster:Tls:KeyPath=/nonexistent/silo.key"]));

        Assert.Contains(refused.Problems, p => p.Contains("Cluster:Tls:KeyPath names '/nonexistent/silo.key', which does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public void A_certificate_another_ca_issued_stops_the_silo_at_start_not_at_its_first_connection()
    {
        using var certificates = new ClusterCertificateFiles("GrainCompute test CA");
        using var other = new ClusterCertificateFiles("Someone else's CA");

        var refused = Assert.Throws<SiloConfigurationException>(() => SiloHost.Build([.. certificates.SiloSettings, $"--Cluster:Tls:CaPath={other.Ca}"]));

        Assert.Contains(refused.Problems, p => p.Contains("was not issued by the CA in", StringComparison.Ordinal));
    }

    [Fact]
    public void A_client_certificate_cannot_serve_as_a_silo_certificate()
    {
        using var certificates = new ClusterCertificateFiles("GrainCompute test CA");
        var client = certificates.Client;

        var refused = Assert.Throws<SiloConfigurationException>(() => SiloHost.Build([$"--Cluster:Tls:CertificatePath={client.CertificatePath}", $"--Cluster:Tls:KeyPath={client.KeyPath}", $"--Cluster:Tls:CaPath={client.CaPath}"]));

        Assert.Contains(refused.Problems, p => p.Contains("must allow server and client authentication", StringComparison.Ordinal));
    }
}
