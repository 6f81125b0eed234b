using System.Net;
using System.Net.Sockets;

namespace GrainCompute.Testing;

/// <summary>Ports for processes that must be told theirs up front (they cannot report a port 0 binding back).</summary>
public static class LoopbackPort
{
    /// <summary>A loopback port free just now: the OS picks it, and the listener lets it go again at once.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
