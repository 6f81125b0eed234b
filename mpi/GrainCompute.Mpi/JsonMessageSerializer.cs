using System.Buffers.Binary;
using System.Text.Json;

namespace GrainCompute.Mpi;

/// <summary>
/// MPI.NET's serializer for object messages (strings, records, arrays of them; anything that is not a primitive
/// MPI datatype), on System.Text.Json: MPI.NET's default uses BinaryFormatter, which .NET 10 no longer has.
/// </summary>
/// <remarks>
/// Each value is written as a 4-byte little-endian length and then its UTF-8 JSON, and read back as exactly that
/// many bytes: MPI.NET deserializes collectives (Gather, Allgather, Alltoall of objects) from one stream holding
/// every rank's value in turn, so reading "to the end" — what JSON alone would need — would swallow the next
/// rank's value. Fields are included so that value tuples travel as well as records and classes with properties.
/// Both ends must use the same serializer, which <see cref="MpiEnvironment"/> sees to on every rank.
/// </remarks>
public sealed class JsonMessageSerializer : MPI.ISerializer
{
    private const int _prefixBytes = sizeof(int);

    private static readonly JsonSerializerOptions _options = new(JsonSerializerDefaults.General) { IncludeFields = true };

    public static JsonMessageSerializer Instance { get; } = new();

    public void Serialize<T>(Stream stream, T value)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var json = JsonSerializer.SerializeToUtf8Bytes(value, _options);
        Span<byte> prefix = stackalloc byte[_prefixBytes];
        BinaryPrimitives.WriteInt32LittleEndian(prefix, json.Length);
        stream.Write(prefix);
        stream.Write(json);
    }

    public T Deserialize<T>(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> prefix = stackalloc byte[_prefixBytes];
        stream.ReadExactly(prefix);
        var length = BinaryPrimitives.ReadInt32LittleEndian(prefix);
        if (length < 0)
        {
            throw new InvalidDataException($"object message announces {length} bytes: not written by {nameof(JsonMessageSerializer)}");
        }

        var json = new byte[length];
        stream.ReadExactly(json);
        return JsonSerializer.Deserialize<T>(json, _options)!;
    }
}
