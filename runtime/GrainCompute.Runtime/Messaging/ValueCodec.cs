using System.Buffers;
using System.Text.Json;

namespace GrainCompute.Runtime.Messaging;

/// <summary>
/// Encodes grain call arguments and results for the wire by their declared type: byte arrays travel as raw
/// bytes (no base64), everything else as System.Text.Json UTF-8. Both silos load the same grain interfaces,
/// so the declared types agree on both ends.
/// </summary>
internal static class ValueCodec
{
    private const byte Null = 0;
    private const byte RawBytes = 1;
    private const byte Json = 2;

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static void Write(IBufferWriter<byte> writer, object? value, Type declaredType)
    {
        switch (value)
        {
            case null:
                writer.WriteByte(Null);
                break;
            case byte[] bytes:
                writer.WriteByte(RawBytes);
                writer.WriteBytes(bytes);
                break;
            case ReadOnlyMemory<byte> memory:
                writer.WriteByte(RawBytes);
                writer.WriteBytes(memory.Span);
                break;
            default:
                writer.WriteByte(Json);
                writer.WriteBytes(JsonSerializer.SerializeToUtf8Bytes(value, declaredType, JsonOptions));
                break;
        }
    }

    public static object? Read(ref WireReader reader, Type declaredType)
    {
        var tag = reader.ReadByte();
        switch (tag)
        {
            case Null:
                return null;
            case RawBytes:
                var bytes = reader.ReadBytes().ToArray();
                return declaredType == typeof(ReadOnlyMemory<byte>) ? new ReadOnlyMemory<byte>(bytes) : (object)bytes;
            case Json:
                var json = new Utf8JsonReader(reader.ReadBytes());
                return JsonSerializer.Deserialize(ref json, declaredType, JsonOptions);
            default:
                throw new ProtocolViolationException($"unknown value tag {tag}");
        }
    }
}
