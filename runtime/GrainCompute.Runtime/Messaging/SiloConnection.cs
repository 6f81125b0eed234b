using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;
using Microsoft.AspNetCore.Connections;

namespace GrainCompute.Runtime.Messaging;

/// <summary>
/// One handshaken connection to another silo. Frames to send go through a channel to a single writer loop,
/// which writes all it finds and then flushes once, so busy connections batch many frames per syscall.
/// The read loop cuts frames and hands them to the <see cref="MessageCenter"/>.
/// </summary>
internal sealed class SiloConnection(ConnectionContext connection, SiloAddress remote, bool outbound, MessageCenter center)
{
    private readonly Channel<Frame> _outgoing = Channel.CreateUnbounded<Frame>(new UnboundedChannelOptions { SingleReader = true });

    public SiloAddress Remote { get; } = remote;

    /// <summary>This silo dialled it (our requests go out on it) rather than accepted it.</summary>
    public bool Outbound { get; } = outbound;

    public bool TrySend(Frame frame) => _outgoing.Writer.TryWrite(frame);

    /// <summary>Runs until either side closes or the peer breaks the protocol; then the connection is closed.</summary>
    public async Task RunAsync()
    {
        var writing = WriteLoopAsync();
        var reading = ReadLoopAsync();
        await Task.WhenAny(writing, reading).ConfigureAwait(false);
        Close();
        await Task.WhenAll(writing, reading).ConfigureAwait(false);
    }

    public void Close()
    {
        _outgoing.Writer.TryComplete();
        connection.Abort(new ConnectionAbortedException("silo connection closed"));
    }

    private async Task WriteLoopAsync()
    {
        var output = connection.Transport.Output;
        var scratch = new ArrayBufferWriter<byte>(4096);
        try
        {
            while (await _outgoing.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (_outgoing.Reader.TryRead(out var frame))
                {
                    frame.WriteTo(output, scratch);
                }

                var flushed = await output.FlushAsync().ConfigureAwait(false);
                if (flushed.IsCompleted || flushed.IsCanceled)
                {
                    return;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or InvalidOperationException or ConnectionAbortedException)
        {
            center.Log.ConnectionBroken(Remote, exception.Message);
        }
    }

    private async Task ReadLoopAsync()
    {
        var input = connection.Transport.Input;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                try
                {
                    while (Frame.TryCut(ref buffer, center.MaxFrameBytes, out var frame))
                    {
                        center.OnFrame(this, frame);
                    }
                }
                finally
                {
                    input.AdvanceTo(buffer.Start, buffer.End);
                }

                if (result.IsCompleted || result.IsCanceled)
                {
                    return;
                }
            }
        }
        catch (ProtocolViolationException violation)
        {
            center.Log.ProtocolViolation(connection.RemoteEndPoint?.ToString() ?? Remote.Endpoint, violation.Message);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or InvalidOperationException or ConnectionAbortedException)
        {
            center.Log.ConnectionBroken(Remote, exception.Message);
        }
    }

    /// <summary>Reads exactly one frame (the handshake) before the loops start.</summary>
    public static async Task<byte[]> ReadOneFrameAsync(PipeReader input, int maxFrameBytes, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (Frame.TryCut(ref buffer, maxFrameBytes, out var frame))
            {
                var bytes = frame.ToArray();
                input.AdvanceTo(buffer.Start);
                return bytes;
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                throw new ProtocolViolationException("connection closed before the handshake");
            }
        }
    }
}
