using System.Buffers;

namespace GrainCompute.Runtime.Messaging;

/// <summary>
/// First frame each way on a silo connection: who is speaking, for which cluster, in which protocol version.
/// A peer of another cluster or version is refused before any grain traffic.
/// </summary>
internal sealed class HandshakeFrame(FrameKind kind, string clusterId, SiloAddress silo) : Frame
{
    public const int Magic = 0x504D4347; // "GCMP" read little-endian
    public const int ProtocolVersion = 1;

    public override FrameKind Kind { get; } = kind;

    public string ClusterId { get; } = clusterId;

    public SiloAddress Silo { get; } = silo;

    public override void WriteFields(IBufferWriter<byte> writer)
    {
        writer.WriteInt32(Magic);
        writer.WriteInt32(ProtocolVersion);
        writer.WriteString(ClusterId);
        writer.WriteString(Silo.ToString());
    }

    public static HandshakeFrame Read(ReadOnlySequence<byte> frame, FrameKind expected)
    {
        var reader = new WireReader(frame);
        var kind = (FrameKind)reader.ReadByte();
        if (kind != expected)
        {
            throw new ProtocolViolationException($"expected a {expected} frame, got kind {(byte)kind}");
        }

        if (reader.ReadInt32() != Magic)
        {
            throw new ProtocolViolationException("handshake lacks the GCMP magic: not a GrainCompute silo");
        }

        var version = reader.ReadInt32();
        if (version != ProtocolVersion)
        {
            throw new ProtocolViolationException($"protocol version {version} is not {ProtocolVersion}");
        }

        var clusterId = reader.ReadString();
        SiloAddress silo;
        try
        {
            silo = SiloAddress.Parse(reader.ReadString());
        }
        catch (FormatException exception)
        {
            throw new ProtocolViolationException(exception.Message);
        }

        return new HandshakeFrame(kind, clusterId, silo);
    }
}
