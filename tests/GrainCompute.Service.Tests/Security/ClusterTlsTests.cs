using System.Diagnostics;
using System.Net.Sockets;
using GrainCompute.Server.Security;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace GrainCompute.Service.Tests.Security;

/// <summary>Silo processes on PostgreSQL membership with Cluster:Tls: who may join, who may call, and what hostile bytes on the ports do.</summary>
public sealed class ClusterTlsTests
{
    [Fact]
    public async Task Two_silos_with_the_cluster_certificate_form_a_cluster_and_run_a_job()
    {
        using var certificates = new ClusterCertificateFiles("GrainCompute test CA");
        await using var database = await TestDatabase.CreateAsync();
        await using var silos = new SiloProcesses(database.ConnectionString);

        var first = await silos.StartAsync(certificates.SiloSettings);
        await silos.StartAsync(certificates.SiloSettings);
        using var http = new HttpClient { BaseAddress = first };
        await Wait.UntilAsync(async () => await TlsClusterJobs.ActiveSilosAsync(http) == 2, "both TLS silos are active in one cluster", TimeSpan.FromSeconds(30));
        var ranOn = await TlsClusterJobs.RunSmallJobAsync(http);

        Assert.NotEmpty(ranOn);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_silo_without_the_cluster_certificate_cannot_join(bool withAnotherCasCertificate)
    {
        using var certificates = new ClusterCertificateFiles("GrainCompute test CA");
        using var rogue = new ClusterCertificateFiles("Someone else's CA");
        await using var database = await TestDatabase.CreateAsync();
        await using var silos = new SiloProcesses(database.ConnectionString);
        var member = await silos.StartAsync(certificates.SiloSettings);

        var (intruder, intruderApi) = silos.Launch([.. withAnotherCasCertificate ? rogue.SiloSettings : [], "--Silo:JoinTimeout=00:00:10"]);
        using var intruderHttp = new HttpClient { BaseAddress = intruderApi };
        var everReady = false;
        await Wait.UntilAsync(async () =>
        {
            everReady |= await ReadyAsync(intruderHttp);
            return intruder.HasExited;
        }, "the intruding silo gives up joining and exits", TimeSpan.FromSeconds(90));
        using var http = new HttpClient { BaseAddress = member };

        Assert.False(everReady, "the intruder reported itself ready");
        Assert.NotEqual(0, intruder.ExitCode);
        Assert.Equal(1, await TlsClusterJobs.ActiveSilosAsync(http));
        Assert.NotEmpty(await TlsClusterJobs.RunSmallJobAsync(http));
    }

    [Fact]
    public async Task An_orleans_client_calls_a_grain_with_the_cluster_certificate_and_is_refused_without_it()
    {
        using var certificates = new ClusterCertificateFiles("GrainCompute test CA");
        using var rogue = new ClusterCertificateFiles("Someone else's CA");
        await using var database = await TestDatabase.CreateAsync();
        await using var silos = new SiloProcesses(database.ConnectionString);
        var gatewayPort = LoopbackPort.Free();
        await silos.StartAsync([.. certificates.SiloSettings, $"--Silo:GatewayPort={gatewayPort}"]);

        var hosts = await CallManagementGrainAsync(silos.ClusterId, gatewayPort, ClusterCertificates.Load(certificates.Client, server: false));
        var withRogueCertificate = await Record.ExceptionAsync(() => CallManagementGrainAsync(silos.ClusterId, gatewayPort, ClusterCertificates.Load(rogue.Client, server: false)));
        var withoutTls = await Record.ExceptionAsync(() => CallManagementGrainAsync(silos.ClusterId, gatewayPort, null));

        Assert.Equal(1, hosts);
        Assert.NotNull(withRogueCertificate);
        Assert.NotNull(withoutTls);
    }

    [Fact]
    public async Task Garbage_a_huge_length_prefix_and_a_slowloris_on_the_silo_and_gateway_ports_leave_the_silo_healthy()
    {
        using var certificates = new ClusterCertificateFiles("GrainCompute test CA");
        await using var database = await TestDatabase.CreateAsync();
        await using var silos = new SiloProcesses(database.ConnectionString);
        var (siloPort, gatewayPort) = (LoopbackPort.Free(), LoopbackPort.Free());
        var api = await silos.StartAsync([.. certificates.SiloSettings, $"--Silo:SiloPort={siloPort}", $"--Silo:GatewayPort={gatewayPort}", "--Cluster:Tls:HandshakeTimeout=00:00:02"]);

        foreach (var port in new[] { siloPort, gatewayPort })
        {
            await SendAndCloseAsync(port, System.Security.Cryptography.RandomNumberGenerator.GetBytes(256 * 1024));
            await SendAndCloseAsync(port, [0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, .. new byte[64]]);

            // A TLS record header announcing a 16 KiB handshake, then nothing: the server must not wait forever.
            var slow = new List<TcpClient>();
            for (var i = 0; i < 32; i++)
            {
                var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                await client.GetStream().WriteAsync(new byte[] { 0x16, 0x03, 0x01, 0x40, 0x00 });
                slow.Add(client);
            }

            var clock = Stopwatch.StartNew();
            foreach (var client in slow)
            {
                Assert.True(await ClosedByServerAsync(client, TimeSpan.FromSeconds(30)), $"port {port} kept a connection that never finished its handshake open for {clock.Elapsed.TotalSeconds:0} s");
                client.Dispose();
            }
        }

        using var http = new HttpClient { BaseAddress = api };
        Assert.True(await ReadyAsync(http), "the silo is not ready after the hostile connections");
        Assert.NotEmpty(await TlsClusterJobs.RunSmallJobAsync(http));
    }

    private static async Task<int> CallManagementGrainAsync(string clusterId, int gatewayPort, ClusterCertificates? certificates)
    {
        using var host = new HostBuilder()
            .UseOrleansClient(client =>
            {
                client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, gatewayPort));
                client.Configure<ClusterOptions>(cluster => (cluster.ClusterId, cluster.ServiceId) = (clusterId, clusterId));
                if (certificates is not null)
                {
                    client.UseClusterTls(certificates);
                }
            })
            .Build();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StartAsync(limit.Token);
        try
        {
            var management = host.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
            return (await management.GetHosts(onlyActive: true).WaitAsync(limit.Token)).Count;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static async Task SendAndCloseAsync(int port, byte[] bytes)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        try
        {
            await client.GetStream().WriteAsync(bytes);
        }
        catch (IOException)
        {
            // The server may close first, which is what it should do with garbage.
        }
    }

    private static async Task<bool> ClosedByServerAsync(TcpClient client, TimeSpan limit)
    {
        using var cancel = new CancellationTokenSource(limit);
        var buffer = new byte[1024];
        try
        {
            while (await client.GetStream().ReadAsync(buffer, cancel.Token) > 0)
            {
            }

            return true;
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task<bool> ReadyAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync("/health/ready");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
