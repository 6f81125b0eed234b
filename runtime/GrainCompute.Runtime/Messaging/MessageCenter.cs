using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using GrainCompute.Runtime.Calls;
using GrainCompute.Runtime.Hosting;
using Microsoft.AspNetCore.Connections;

namespace GrainCompute.Runtime.Messaging;

/// <summary>
/// Connections between this silo and the others: accepts and dials them, checks handshakes, sends requests
/// and routes incoming frames.
/// </summary>
/// <remarks>
/// Design note. Each silo dials its own connection to each peer and sends its requests there; the peer answers
/// on the same connection. Requests from a peer arrive on the connection the peer dialled. A broken connection
/// fails every call waiting on it at once (Orleans fails calls to a dead silo instead of waiting out the
/// timeout). A peer that speaks garbage or belongs to another cluster loses its own connection only.
/// </remarks>
internal sealed class MessageCenter(Silo silo, ISiloTransport transport, PendingCalls pending)
{
    private readonly ConcurrentDictionary<SiloAddress, Lazy<Task<SiloConnection>>> _outbound = new();
    private readonly ConcurrentDictionary<SiloConnection, byte> _all = new();
    private readonly CancellationTokenSource _stopping = new();
    private IConnectionListener? _listener;
    private Task _acceptLoop = Task.CompletedTask;

    public SiloLog Log => silo.Log;

    public int MaxFrameBytes => silo.Options.MaxFrameBytes;

    /// <summary>Starts listening; returns the bound endpoint (its port is the real one when 0 was asked for).</summary>
    public async Task<EndPoint> ListenAsync(EndPoint endpoint, CancellationToken cancellationToken)
    {
        _listener = await transport.Listeners.BindAsync(endpoint, cancellationToken).ConfigureAwait(false);
        _acceptLoop = AcceptLoopAsync(_listener);
        return _listener.EndPoint;
    }

    public bool Send(SiloAddress target, PendingCall call, object?[] arguments, int forwardCount)
    {
        var timeoutMs = (int)Math.Clamp(call.Timeout.TotalMilliseconds, 1, int.MaxValue);
        var frame = new RequestFrame(call.Id, timeoutMs, forwardCount, call.Target, call.Method, arguments);
        var connecting = _outbound.GetOrAdd(target, address => new Lazy<Task<SiloConnection>>(() => ConnectAsync(address)));
        if (connecting.Value.IsCompletedSuccessfully)
        {
            return connecting.Value.Result.TrySend(frame);
        }

        _ = SendWhenConnectedAsync(connecting.Value, frame, call);
        return true;
    }

    /// <summary>Closes connections to a silo that membership declared dead or gone.</summary>
    public void Disconnect(SiloAddress gone)
    {
        foreach (var connection in _all.Keys.Where(c => c.Remote == gone))
        {
            connection.Close();
        }

        pending.FailAllOn(gone, "left the cluster");
    }

    public async Task StopAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_listener is not null)
        {
            await _listener.UnbindAsync().ConfigureAwait(false);
        }

        foreach (var connection in _all.Keys)
        {
            connection.Close();
        }

        await _acceptLoop.ConfigureAwait(false);
        if (_listener is not null)
        {
            await _listener.DisposeAsync().ConfigureAwait(false);
        }
    }

    public void OnFrame(SiloConnection connection, ReadOnlySequence<byte> frame)
    {
        var reader = new WireReader(frame);
        var kind = (FrameKind)reader.ReadByte();
        switch (kind)
        {
            case FrameKind.Request:
                OnRequest(connection, ref reader);
                break;
            case FrameKind.Response:
                OnResponse(ref reader);
                break;
            default:
                throw new ProtocolViolationException($"unexpected frame kind {(byte)kind} after the handshake");
        }
    }

    private void OnRequest(SiloConnection connection, ref WireReader reader)
    {
        var id = reader.ReadInt64();
        var timeoutMs = reader.ReadInt32();
        var forwardCount = reader.ReadByte();
        var target = new GrainId(reader.ReadString(), reader.ReadString());
        var methodName = reader.ReadString();
        var count = reader.ReadInt32();
        if (!GrainInterfaceRegistry.TryResolve(methodName, out var method))
        {
            connection.TrySend(ResponseFrame.Failure(id, new InvalidOperationException($"Silo {silo.Address} does not know grain method {methodName}.")));
            return;
        }

        if (count != method.ParameterTypes.Length)
        {
            throw new ProtocolViolationException($"{methodName} takes {method.ParameterTypes.Length} arguments, the frame has {count}");
        }

        var arguments = new object?[count];
        try
        {
            for (var i = 0; i < count; i++)
            {
                arguments[i] = ValueCodec.Read(ref reader, method.ParameterTypes[i]);
            }
        }
        catch (System.Text.Json.JsonException exception)
        {
            connection.TrySend(ResponseFrame.Failure(id, new ArgumentException($"Arguments of {methodName} could not be read: {exception.Message}")));
            return;
        }

        var deadline = silo.TimeProvider.GetTimestamp() + (long)(timeoutMs / 1000.0 * silo.TimeProvider.TimestampFrequency);
        silo.DeliverRemote(new RemoteCall(connection, id, target, method, arguments, deadline) { ForwardCount = forwardCount });
    }

    private void OnResponse(ref WireReader reader)
    {
        var id = ResponseFrame.ReadId(ref reader);
        if (!pending.TryTake(id, out var call))
        {
            return; // timed out already, or its silo was declared dead
        }

        Exception? error;
        object? result;
        try
        {
            (result, error) = ResponseFrame.ReadOutcome(ref reader, call.Method.ResultType);
        }
        catch (System.Text.Json.JsonException exception)
        {
            (result, error) = (null, new InvalidOperationException($"Result of {call.Method.Name} could not be read: {exception.Message}", exception));
        }

        if (error is null)
        {
            call.TrySetResult(result);
        }
        else
        {
            call.TrySetException(error);
        }
    }

    private async Task SendWhenConnectedAsync(Task<SiloConnection> connecting, Frame frame, PendingCall call)
    {
        try
        {
            var connection = await connecting.ConfigureAwait(false);
            if (!connection.TrySend(frame))
            {
                pending.Fail(call, new SiloUnavailableException($"Connection to silo {call.Silo} closed before the call to {call.Method.Name} was sent."));
            }
        }
        catch (Exception exception)
        {
            pending.Fail(call, exception as SiloUnavailableException ?? new SiloUnavailableException($"Silo {call.Silo} is unreachable: {exception.Message}", exception));
        }
    }

    private async Task<SiloConnection> ConnectAsync(SiloAddress target)
    {
        try
        {
            var context = await transport.Connections.ConnectAsync(ToEndPoint(target), _stopping.Token).ConfigureAwait(false);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            timeout.CancelAfter(silo.Options.HandshakeTimeout);
            new HandshakeFrame(FrameKind.Handshake, silo.Options.ClusterId, silo.Address).WriteTo(context.Transport.Output, new ArrayBufferWriter<byte>());
            await context.Transport.Output.FlushAsync(timeout.Token).ConfigureAwait(false);
            var reply = HandshakeFrame.Read(new ReadOnlySequence<byte>(await SiloConnection.ReadOneFrameAsync(context.Transport.Input, MaxFrameBytes, timeout.Token).ConfigureAwait(false)), FrameKind.HandshakeAccepted);
            if (reply.Silo != target)
            {
                context.Abort();
                throw new SiloUnavailableException($"Silo {target} is gone: {reply.Silo} now listens at {target.Endpoint}.");
            }

            var connection = new SiloConnection(context, target, outbound: true, this);
            Run(connection);
            return connection;
        }
        catch
        {
            _outbound.TryRemove(target, out _);
            throw;
        }
    }

    private async Task AcceptLoopAsync(IConnectionListener listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            ConnectionContext? context;
            try
            {
                context = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (context is null)
            {
                return; // unbound
            }

            _ = AcceptAsync(context);
        }
    }

    private async Task AcceptAsync(ConnectionContext context)
    {
        var peer = context.RemoteEndPoint?.ToString() ?? context.ConnectionId;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            timeout.CancelAfter(silo.Options.HandshakeTimeout);
            var hello = HandshakeFrame.Read(new ReadOnlySequence<byte>(await SiloConnection.ReadOneFrameAsync(context.Transport.Input, MaxFrameBytes, timeout.Token).ConfigureAwait(false)), FrameKind.Handshake);
            if (hello.ClusterId != silo.Options.ClusterId)
            {
                throw new ProtocolViolationException($"peer {hello.Silo} belongs to cluster '{hello.ClusterId}', not '{silo.Options.ClusterId}'");
            }

            new HandshakeFrame(FrameKind.HandshakeAccepted, silo.Options.ClusterId, silo.Address).WriteTo(context.Transport.Output, new ArrayBufferWriter<byte>());
            await context.Transport.Output.FlushAsync(timeout.Token).ConfigureAwait(false);
            Run(new SiloConnection(context, hello.Silo, outbound: false, this));
        }
        catch (Exception exception) when (exception is ProtocolViolationException or OperationCanceledException or IOException or ConnectionResetException)
        {
            Log.HandshakeRejected(peer, exception is OperationCanceledException ? "no handshake in time" : exception.Message);
            context.Abort(new ConnectionAbortedException("handshake rejected"));
        }
    }

    private void Run(SiloConnection connection)
    {
        _all[connection] = 0;
        _ = RunAndForgetAsync(connection);
    }

    private async Task RunAndForgetAsync(SiloConnection connection)
    {
        await connection.RunAsync().ConfigureAwait(false);
        _all.TryRemove(connection, out _);
        if (connection.Outbound)
        {
            _outbound.TryRemove(connection.Remote, out _);
            pending.FailAllOn(connection.Remote, "closed its connection");
        }
    }

    private static EndPoint ToEndPoint(SiloAddress address) =>
        IPAddress.TryParse(address.Host, out var ip) ? new IPEndPoint(ip, address.Port) : new DnsEndPoint(address.Host, address.Port);
}
