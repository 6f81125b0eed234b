using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;

namespace GrainCompute.Runtime;

/// <summary>
/// A network inside one process: silos listen on endpoint names and connect through pairs of pipes, with the
/// same framing and handshake as TCP. Used by the embedded silo and the in-process test cluster.
/// </summary>
public sealed class InMemoryNetwork : ISiloTransport, IConnectionListenerFactory, IConnectionFactory
{
    private readonly ConcurrentDictionary<string, Listener> _listeners = new();
    private int _nextPort = 11111;

    public IConnectionListenerFactory Listeners => this;

    public IConnectionFactory Connections => this;

    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        if (endpoint is IPEndPoint { Port: 0 } ip)
        {
            endpoint = new IPEndPoint(ip.Address, Interlocked.Increment(ref _nextPort));
        }

        var listener = new Listener(endpoint, this);
        if (!_listeners.TryAdd(endpoint.ToString()!, listener))
        {
            throw new AddressInUseException($"{endpoint} is already bound in this in-memory network.");
        }

        return ValueTask.FromResult<IConnectionListener>(listener);
    }

    public ValueTask<ConnectionContext> ConnectAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        var client = new PipeConnection(new DuplexPipe(toClient.Reader, toServer.Writer), endpoint);
        var server = new PipeConnection(new DuplexPipe(toServer.Reader, toClient.Writer), new IPEndPoint(IPAddress.Loopback, 0));
        if (!_listeners.TryGetValue(endpoint.ToString()!, out var listener) || !listener.Accepts.Writer.TryWrite(server))
        {
            throw new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused, $"Nothing listens at {endpoint} in this in-memory network.");
        }

        return ValueTask.FromResult<ConnectionContext>(client);
    }

    private sealed class Listener(EndPoint endpoint, InMemoryNetwork network) : IConnectionListener
    {
        public Channel<PipeConnection> Accepts { get; } = Channel.CreateUnbounded<PipeConnection>();

        public EndPoint EndPoint { get; } = endpoint;

        public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
        {
            while (await Accepts.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (Accepts.Reader.TryRead(out var connection))
                {
                    return connection;
                }
            }

            return null;
        }

        public ValueTask UnbindAsync(CancellationToken cancellationToken = default)
        {
            network._listeners.TryRemove(EndPoint.ToString()!, out _);
            Accepts.Writer.TryComplete();
            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync() => UnbindAsync();
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }

    private sealed class PipeConnection(IDuplexPipe transport, EndPoint remote) : ConnectionContext
    {
        public override string ConnectionId { get; set; } = Guid.NewGuid().ToString("N");

        public override IFeatureCollection Features { get; } = new FeatureCollection();

        public override IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();

        public override IDuplexPipe Transport { get; set; } = transport;

        public override EndPoint? RemoteEndPoint { get; set; } = remote;

        // Completing both ends is what a closed socket looks like to the peer: its reads end.
        public override void Abort(ConnectionAbortedException abortReason)
        {
            Transport.Input.CancelPendingRead();
            Transport.Output.Complete();
            Transport.Input.Complete();
        }

        public override ValueTask DisposeAsync()
        {
            Abort(new ConnectionAbortedException());
            return ValueTask.CompletedTask;
        }
    }
}
