using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace GrainCompute.Kernels.Tests.Imaging;

public sealed class ImageEncoderTests
{
    private static readonly byte[] _pixels = [.. Enumerable.Range(0, 12 * 5).Select(i => (byte)(i * 4))];

    private static uint BitwiseCrc(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    [Fact]
    public void Pgm_has_the_seeds_header_then_the_pixels()
    {
        var file = ImageEncoder.ToPgm(_pixels, 12, 5);
        var header = Encoding.ASCII.GetBytes("P5 12 5 255\n");
        Assert.Equal(header, file[..header.Length]);
        Assert.Equal(_pixels, file[header.Length..]);
    }

    [Fact]
    public void Png_chunks_have_valid_crcs_and_inflate_to_the_pixels()
    {
        var file = ImageEncoder.ToPng(_pixels, 12, 5);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, file[..8]);

        var chunks = new List<(string Type, byte[] Data)>();
        for (var at = 8; at < file.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
            var typeAndData = file.AsSpan(at + 4, 4 + length);
            Assert.Equal(BitwiseCrc(typeAndData), BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at + 8 + length)));
            chunks.Add((Encoding.ASCII.GetString(typeAndData[..4]), typeAndData[4..].ToArray()));
            at += 12 + length;
        }

        Assert.Equal(["IHDR", "IDAT", "IEND"], chunks.Select(c => c.Type));
        Assert.Equal(new byte[] { 0, 0, 0, 12, 0, 0, 0, 5, 8, 0, 0, 0, 0 }, chunks[0].Data);

        using var inflate = new ZLibStream(new MemoryStream(chunks[1].Data), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflate.CopyTo(raw);
        var rows = raw.ToArray();
        Assert.Equal(5 * 13, rows.Length);
        for (var row = 0; row < 5; row++)
        {
            Assert.Equal(0, rows[row * 13]);
            Assert.Equal(_pixels.AsSpan(row * 12, 12).ToArray(), rows.AsSpan((row * 13) + 1, 12).ToArray());
        }
    }

    [Fact]
    public void Pixel_count_must_match_the_size()
    {
        Assert.Throws<ArgumentException>(() => ImageEncoder.ToPgm(_pixels, 10, 5));
    }
}
