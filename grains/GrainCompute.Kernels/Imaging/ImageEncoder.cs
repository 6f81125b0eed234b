using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace GrainCompute.Kernels;

/// <summary>Grayscale 8-bit images (one byte per pixel, rows top to bottom) as PGM or PNG files.</summary>
public static class ImageEncoder
{
    /// <summary>Binary PGM with the seed's header, <c>P5 {w} {h} 255\n</c>, then the pixels.</summary>
    public static byte[] ToPgm(byte[] pixels, int width, int height)
    {
        CheckSize(pixels, width, height);
        var header = Encoding.ASCII.GetBytes($"P5 {width} {height} 255\n");
        var file = new byte[header.Length + pixels.Length];
        header.CopyTo(file, 0);
        pixels.CopyTo(file, header.Length);
        return file;
    }

    /// <summary>PNG, 8-bit grayscale, no interlace, filter "None" on every row, zlib-compressed.</summary>
    public static byte[] ToPng(byte[] pixels, int width, int height)
    {
        CheckSize(pixels, width, height);
        using var file = new MemoryStream();
        file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8; // bit depth
        header[9] = 0; // colour type: grayscale
        header[10] = 0; // compression: deflate
        header[11] = 0; // filter method 0
        header[12] = 0; // no interlace
        WriteChunk(file, "IHDR", header);
        WriteChunk(file, "IDAT", Compress(pixels, width, height));
        WriteChunk(file, "IEND", []);
        return file.ToArray();
    }

    private static byte[] Compress(byte[] pixels, int width, int height)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            for (var row = 0; row < height; row++)
            {
                zlib.WriteByte(0); // filter type None
                zlib.Write(pixels, row * width, width);
            }
        }

        return compressed.ToArray();
    }

    private static void WriteChunk(Stream file, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        file.Write(word);

        Span<byte> typeBytes = stackalloc byte[4];
        Encoding.ASCII.GetBytes(type, typeBytes);
        file.Write(typeBytes);
        file.Write(data);

        var crc = Crc32.Compute(data, Crc32.Compute(typeBytes));
        BinaryPrimitives.WriteUInt32BigEndian(word, crc);
        file.Write(word);
    }

    private static void CheckSize(byte[] pixels, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (pixels.Length != (long)width * height)
        {
            throw new ArgumentException($"{pixels.Length} pixels do not make a {width}×{height} image", nameof(pixels));
        }
    }
}
