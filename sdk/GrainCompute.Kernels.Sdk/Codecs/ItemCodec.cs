using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GrainCompute.Kernels;

/// <summary>
/// Encodes a chunk's items as one compact byte payload, the unit that travels between machines.
/// </summary>
/// <remarks>
/// Fixed-size items (int, long, ulong, double, bool, byte) are their raw little-endian bytes, one after another,
/// so encoding is one copy. Variable-size items (byte[], string as UTF-8, BigInteger as little-endian two's
/// complement) are each a LEB128 length followed by the bytes. No header: the item type is the kernel's.
/// </remarks>
public static class ItemCodec<T>
{
    private static readonly ItemFormat _format = ItemFormatOf(typeof(T));

    /// <summary>Whether decoded arrays hold references (pooled buffers must then be cleared).</summary>
    internal static bool HoldsReferences => RuntimeHelpers.IsReferenceOrContainsReferences<T>();

    public static byte[] Encode(ReadOnlySpan<T> items) => _format switch
    {
        ItemFormat.Raw => EncodeRaw(items),
        ItemFormat.Bytes or ItemFormat.Utf8 or ItemFormat.BigInteger => LengthPrefixed.Encode(items),
        _ => throw Unsupported(),
    };

    public static T[] Decode(ReadOnlySpan<byte> payload) => _format switch
    {
        ItemFormat.Raw => DecodeRaw(payload),
        ItemFormat.Bytes or ItemFormat.Utf8 or ItemFormat.BigInteger => LengthPrefixed.Decode<T>(payload),
        _ => throw Unsupported(),
    };

    private static byte[] EncodeRaw(ReadOnlySpan<T> items)
    {
        RequireLittleEndian();
        var bytes = MemoryMarshal.CreateReadOnlySpan(
            ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(items)), items.Length * Unsafe.SizeOf<T>());
        return bytes.ToArray();
    }

    private static T[] DecodeRaw(ReadOnlySpan<byte> payload)
    {
        RequireLittleEndian();
        var size = Unsafe.SizeOf<T>();
        if (payload.Length % size != 0)
        {
            throw new FormatException($"payload of {payload.Length} bytes is not a whole number of {typeof(T).Name} items");
        }

        var items = new T[payload.Length / size];
        if (items.Length == 0)
        {
            return items;
        }

        var target = MemoryMarshal.CreateSpan(ref Unsafe.As<T, byte>(ref items[0]), payload.Length);
        payload.CopyTo(target);
        if (typeof(T) == typeof(bool))
        {
            // A bool byte other than 0/1 would compare unequal to true; normalize what came off the wire.
            foreach (ref var b in target)
            {
                b = b == 0 ? (byte)0 : (byte)1;
            }
        }

        return items;
    }

    private static ItemFormat ItemFormatOf(Type type)
    {
        if (type == typeof(int) || type == typeof(long) || type == typeof(ulong) || type == typeof(uint)
            || type == typeof(double) || type == typeof(bool) || type == typeof(byte) || type == typeof(short))
        {
            return ItemFormat.Raw;
        }

        if (type == typeof(byte[]))
        {
            return ItemFormat.Bytes;
        }

        if (type == typeof(string))
        {
            return ItemFormat.Utf8;
        }

        return type == typeof(BigInteger) ? ItemFormat.BigInteger : ItemFormat.Unsupported;
    }

    private static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("chunk payloads are little-endian; this machine is big-endian");
        }
    }

    private static NotSupportedException Unsupported() => new($"no item codec for {typeof(T).Name}");
}
