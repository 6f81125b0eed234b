using System.Net;
using System.Net.Sockets;
using Orleans.Configuration;

namespace GrainCompute.Server.Hosting;

/// <summary>Where the silo listens and what it advertises, with port 0 resolved to a free port (Orleans publishes its ports in membership before it binds them).</summary>
public sealed record SiloEndpoints(IPAddress Listen, IPAddress Advertised, int SiloPort, int GatewayPort)
{
    public static SiloEndpoints From(SiloOptions options)
    {
        var listen = IPAddress.Parse(options.ListenAddress);
        var advertised = options.AdvertisedAddress is { } address ? IPAddress.Parse(address) : AdvertisedFor(listen);
        return new SiloEndpoints(listen, advertised, PortOrFree(options.SiloPort, listen), PortOrFree(options.GatewayPort, listen));
    }

    public void Configure(ISiloBuilder silo) => silo.Configure<EndpointOptions>(endpoints =>
    {
        endpoints.AdvertisedIPAddress = Advertised;
        endpoints.SiloPort = SiloPort;
        endpoints.GatewayPort = GatewayPort;
        endpoints.SiloListeningEndpoint = new IPEndPoint(Listen, SiloPort);
        endpoints.GatewayListeningEndpoint = new IPEndPoint(Listen, GatewayPort);
    });

    /// <summary>A wildcard listen address cannot be dialled: advertise this host's first IPv4 address instead.</summary>
    private static IPAddress AdvertisedFor(IPAddress listen)
    {
        if (!listen.Equals(IPAddress.Any) && !listen.Equals(IPAddress.IPv6Any))
        {
            return listen;
        }

        return Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? IPAddress.Loopback;
    }

    private static int PortOrFree(int port, IPAddress listen)
    {
        if (port != 0)
        {
            return port;
        }

        using var probe = new TcpListener(listen, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
