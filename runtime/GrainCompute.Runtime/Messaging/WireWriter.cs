using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace GrainCompute.Runtime.Messaging;

/// <summary>Little-endian primitives and length-prefixed UTF-8 strings into a buffer writer.</summary>
internal static class WireWriter
{
    public static void WriteByte(this IBufferWriter<byte> writer, byte value)
    {
        writer.GetSpan(1)[0] = value;
        writer.Advance(1);
    }

    public static void WriteInt32(this IBufferWriter<byte> writer, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(writer.GetSpan(4), value);
        writer.Advance(4);
    }

    public static void WriteInt64(this IBufferWriter<byte> writer, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(writer.GetSpan(8), value);
        writer.Advance(8);
    }

    public static void WriteString(this IBufferWriter<byte> writer, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        writer.WriteInt32(length);
        Encoding.UTF8.GetBytes(value, writer.GetSpan(length));
        writer.Advance(length);
    }

    public static void WriteBytes(this IBufferWriter<byte> writer, ReadOnlySpan<byte> bytes)
    {
        writer.WriteInt32(bytes.Length);
        writer.Write(bytes);
    }
}
