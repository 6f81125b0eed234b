using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace GrainCompute.Kernels;

/// <summary>Variable-size items as LEB128 length + bytes, sized exactly up front so encoding allocates once.</summary>
internal static class LengthPrefixed
{
    public static byte[] Encode<T>(ReadOnlySpan<T> items)
    {
        long total = 0;
        foreach (var item in items)
        {
            var length = ByteCount(item);
            total += VarInt.Size((uint)length) + length;
        }

        var payload = new byte[checked((int)total)];
        var span = payload.AsSpan();
        foreach (var item in items)
        {
            var length = ByteCount(item);
            span = span[VarInt.Write(span, (uint)length)..];
            Write(item, span[..length]);
            span = span[length..];
        }

        return payload;
    }

    public static T[] Decode<T>(ReadOnlySpan<byte> payload)
    {
        var count = 0;
        for (var rest = payload; !rest.IsEmpty; count++)
        {
            var length = (int)VarInt.Read(rest, out var read);
            rest = rest[(read + length)..];
        }

        var items = new T[count];
        for (var i = 0; i < count; i++)
        {
            var length = (int)VarInt.Read(payload, out var read);
            items[i] = Read<T>(payload.Slice(read, length));
            payload = payload[(read + length)..];
        }

        return items;
    }

    private static int ByteCount<T>(T item)
    {
        if (typeof(T) == typeof(BigInteger))
        {
            return Unsafe.As<T, BigInteger>(ref item).GetByteCount();
        }

        return item switch
        {
            byte[] bytes => bytes.Length,
            string text => Encoding.UTF8.GetByteCount(text),
            null => 0,
            _ => throw new NotSupportedException($"no length-prefixed codec for {typeof(T).Name}"),
        };
    }

    private static void Write<T>(T item, Span<byte> target)
    {
        if (typeof(T) == typeof(BigInteger))
        {
            Unsafe.As<T, BigInteger>(ref item).TryWriteBytes(target, out _);
            return;
        }

        switch (item)
        {
            case byte[] bytes:
                bytes.CopyTo(target);
                break;
            case string text:
                Encoding.UTF8.GetBytes(text, target);
                break;
        }
    }

    private static T Read<T>(ReadOnlySpan<byte> source)
    {
        if (typeof(T) == typeof(BigInteger))
        {
            var value = new BigInteger(source);
            return Unsafe.As<BigInteger, T>(ref value);
        }

        object value2 = typeof(T) == typeof(string) ? Encoding.UTF8.GetString(source) : source.ToArray();
        return (T)value2;
    }
}
