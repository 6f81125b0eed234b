using System.Buffers;
using System.Net.Sockets;
using GrainCompute.Runtime.Messaging;
using GrainCompute.Runtime.Tests.Grains;
using Microsoft.Extensions.Logging.Abstractions;

namespace GrainCompute.Runtime.Tests.Messaging;

public sealed class ConnectionRejectionTests
{
    [Fact]
    public async Task A_garbage_frame_closes_only_that_connection()
    {
        await using var cluster = await TestClusters.StartAsync(2, new TcpSiloTransport(NullLoggerFactory.Instance));
        var target = cluster.Silos[1];
        var key = await TestClusters.KeyOnAsync(target, cluster.Silos[0].GrainFactory);

        using var intruder = await ConnectAsync(target);
        await intruder.GetStream().WriteAsync("GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray());

        Assert.True(await IsClosedByPeerAsync(intruder), "the silo should close a connection that sends garbage");
        Assert.Equal(1, await cluster.Silos[0].GrainFactory.GetGrain<ICounterGrain>(key).IncrementSlowly());
    }

    [Fact]
    public async Task A_peer_of_another_cluster_is_refused_and_others_keep_working()
    {
        await using var cluster = await TestClusters.StartAsync(2, new TcpSiloTransport(NullLoggerFactory.Instance));
        var target = cluster.Silos[1];
        var key = await TestClusters.KeyOnAsync(target, cluster.Silos[0].GrainFactory);

        using var stranger = await ConnectAsync(target);
        var hello = new ArrayBufferWriter<byte>();
        new HandshakeFrame(FrameKind.Handshake, "some-other-cluster", new SiloAddress("127.0.0.1", 1, 1)).WriteTo(hello, new ArrayBufferWriter<byte>());
        await stranger.GetStream().WriteAsync(hello.WrittenMemory);

        Assert.True(await IsClosedByPeerAsync(stranger), "the silo should refuse a peer with another cluster id");
        Assert.Equal(1, await cluster.Silos[0].GrainFactory.GetGrain<ICounterGrain>(key).IncrementSlowly());
    }

    [Fact]
    public async Task An_oversized_frame_length_is_a_protocol_violation()
    {
        var buffer = new ReadOnlySequence<byte>([0xFF, 0xFF, 0xFF, 0x7F, 1]);

        var error = Assert.Throws<ProtocolViolationException>(() => Frame.TryCut(ref buffer, 1024, out _));

        Assert.Contains("outside 1..1024", error.Message);
    }

    private static async Task<TcpClient> ConnectAsync(Hosting.Silo silo)
    {
        var client = new TcpClient();
        await client.ConnectAsync(silo.Address.Host, silo.Address.Port);
        return client;
    }

    private static async Task<bool> IsClosedByPeerAsync(TcpClient client)
    {
        var buffer = new byte[256];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            return await client.GetStream().ReadAsync(buffer, timeout.Token) == 0;
        }
        catch (IOException)
        {
            return true; // reset by peer
        }
    }
}
