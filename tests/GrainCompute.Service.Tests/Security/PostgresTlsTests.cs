using GrainCompute.Server.Hosting;

namespace GrainCompute.Service.Tests.Security;

public sealed class PostgresTlsTests
{
    [Fact]
    public void A_tls_ca_path_makes_the_connection_verify_full_even_when_the_connection_string_disables_ssl()
    {
        using var certificates = new ClusterCertificateFiles("PostgreSQL CA");
        var options = new MembershipOptions { Provider = "PostgreSQL", ConnectionString = "Host=db;Username=u;Password=p;SSL Mode=Disable", TlsCaPath = certificates.Ca };

        var effective = new Npgsql.NpgsqlConnectionStringBuilder(options.EffectiveConnectionString);

        Assert.Empty(options.Validate());
        Assert.Equal(Npgsql.SslMode.VerifyFull, effective.SslMode);
        Assert.Equal(certificates.Ca, effective.RootCertificate);
    }

    [Fact]
    public async Task A_silo_told_to_verify_postgres_tls_refuses_a_server_that_offers_none()
    {
        // The test PostgreSQL serves no TLS: with Membership:TlsCaPath the silo must fail to start, not fall back to plaintext.
        using var certificates = new ClusterCertificateFiles("PostgreSQL CA");
        await using var database = await TestDatabase.CreateAsync();
        await using var app = SiloHost.Build([
            "--Api:Urls=http://127.0.0.1:0", "--Silo:SiloPort=0", "--Silo:GatewayPort=0", "--Logging:LogLevel:Default=None",
            "--Membership:Provider=PostgreSQL", $"--Membership:ConnectionString={database.ConnectionString}", $"--Membership:TlsCaPath={certificates.Ca}",
            "--Silo:JoinTimeout=00:00:10"]);

        var refused = await Record.ExceptionAsync(() => app.StartAsync().WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.NotNull(refused);
        Assert.IsNotType<TimeoutException>(refused);
    }
}
