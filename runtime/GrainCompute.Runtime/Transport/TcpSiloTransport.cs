using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GrainCompute.Runtime;

/// <summary>TCP between silos: Kestrel's socket transport listens; outgoing sockets are wrapped by Kestrel's socket connection factory.</summary>
public sealed class TcpSiloTransport : ISiloTransport, IConnectionFactory, IDisposable
{
    private readonly SocketConnectionContextFactory _contexts;

    public TcpSiloTransport(ILoggerFactory loggerFactory)
    {
        Listeners = new SocketTransportFactory(Options.Create(new SocketTransportOptions { NoDelay = true }), loggerFactory);
        _contexts = new SocketConnectionContextFactory(new SocketConnectionFactoryOptions(), loggerFactory.CreateLogger<TcpSiloTransport>());
    }

    public IConnectionListenerFactory Listeners { get; }

    public IConnectionFactory Connections => this;

    public async ValueTask<ConnectionContext> ConnectAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return _contexts.Create(socket);
    }

    public void Dispose() => _contexts.Dispose();
}
