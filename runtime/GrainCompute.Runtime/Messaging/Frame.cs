using System.Buffers;
using System.Buffers.Binary;

namespace GrainCompute.Runtime.Messaging;

/// <summary>
/// Framing: every frame is a 4-byte little-endian length, then that many bytes: one <see cref="FrameKind"/>
/// byte and the kind's fields. Orleans frames its messages the same way (length prefix, header, body).
/// </summary>
internal abstract class Frame
{
    public abstract FrameKind Kind { get; }

    public abstract void WriteFields(IBufferWriter<byte> writer);

    /// <summary>Writes the whole frame, length prefix included; <paramref name="scratch"/> is reused between frames.</summary>
    public void WriteTo(IBufferWriter<byte> output, ArrayBufferWriter<byte> scratch)
    {
        scratch.ResetWrittenCount();
        scratch.WriteByte((byte)Kind);
        WriteFields(scratch);
        output.WriteInt32(scratch.WrittenCount);
        output.Write(scratch.WrittenSpan);
    }

    /// <summary>Cuts one complete frame (without its length prefix) off the front of <paramref name="buffer"/>, if there is one.</summary>
    public static bool TryCut(ref ReadOnlySequence<byte> buffer, int maxFrameBytes, out ReadOnlySequence<byte> frame)
    {
        frame = default;
        if (buffer.Length < 4)
        {
            return false;
        }

        Span<byte> prefix = stackalloc byte[4];
        buffer.Slice(0, 4).CopyTo(prefix);
        var length = BinaryPrimitives.ReadInt32LittleEndian(prefix);
        if (length < 1 || length > maxFrameBytes)
        {
            throw new ProtocolViolationException($"frame length {length} is outside 1..{maxFrameBytes}");
        }

        if (buffer.Length < 4 + length)
        {
            return false;
        }

        frame = buffer.Slice(4, length);
        buffer = buffer.Slice(4 + length);
        return true;
    }
}
