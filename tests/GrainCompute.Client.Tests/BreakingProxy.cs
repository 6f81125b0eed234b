using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GrainCompute.Client.Tests;

/// <summary>
/// A TCP proxy in front of a gateway that cuts the first results-stream response after a few bytes, as a
/// gateway restarting mid-stream would; everything else passes through.
/// </summary>
internal sealed class BreakingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _upstream;
    private readonly int _cutAfterBytes;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _breaks;

    public BreakingProxy(Uri upstream, int cutAfterBytes)
    {
        _upstream = upstream;
        _cutAfterBytes = cutAfterBytes;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public int Breaks => Volatile.Read(ref _breaks);

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = RelayAsync(client);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                await upstream.ConnectAsync(_upstream.Host, _upstream.Port, _stop.Token);
                var cut = new TaskCompletionSource();
                var toServer = CopyRequestsAsync(client.GetStream(), upstream.GetStream(), cut);
                var toClient = CopyResponsesAsync(upstream.GetStream(), client.GetStream(), cut.Task);
                await Task.WhenAny(toServer, toClient);
            }
            catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException)
            {
            }
        }
    }

    private async Task CopyRequestsAsync(Stream from, Stream to, TaskCompletionSource cutNextStream)
    {
        var buffer = new byte[16384];
        int read;
        while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
        {
            if (Encoding.ASCII.GetString(buffer, 0, read).Contains("/results/stream", StringComparison.Ordinal) && Interlocked.CompareExchange(ref _breaks, 1, 0) == 0)
            {
                cutNextStream.TrySetResult();
            }

            await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        }
    }

    private async Task CopyResponsesAsync(Stream from, Stream to, Task cut)
    {
        var buffer = new byte[1024];
        long sinceCut = 0;
        int read;
        while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
        {
            if (cut.IsCompleted)
            {
                sinceCut += read;
                if (sinceCut > _cutAfterBytes)
                {
                    return;
                }
            }

            await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
