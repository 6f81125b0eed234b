namespace GrainCompute.Kernels;

/// <summary>LEB128 unsigned integers: 1 byte for lengths below 128, so short items cost one byte of framing.</summary>
internal static class VarInt
{
    public static int Size(uint value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    public static int Write(Span<byte> target, uint value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            target[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        target[i++] = (byte)value;
        return i;
    }

    public static uint Read(ReadOnlySpan<byte> source, out int bytesRead)
    {
        uint value = 0;
        for (var i = 0; i < 5; i++)
        {
            if (i >= source.Length)
            {
                break;
            }

            var b = source[i];
            value |= (uint)(b & 0x7F) << (7 * i);
            if (b < 0x80)
            {
                bytesRead = i + 1;
                return value;
            }
        }

        throw new FormatException("truncated or malformed length prefix in chunk payload");
    }
}
