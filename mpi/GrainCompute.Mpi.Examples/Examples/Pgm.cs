using System.Text;

namespace GrainCompute.Mpi.Examples.Examples;

/// <summary>Binary PGM exactly as the seed writes it: <c>b'P5 %d %d %d\n' % (w, h, 255)</c> then the lines.</summary>
internal static class Pgm
{
    public static byte[] Encode(int width, int height, ReadOnlySpan<byte> pixels)
    {
        var header = Encoding.ASCII.GetBytes($"P5 {width} {height} 255\n");
        var pgm = new byte[header.Length + pixels.Length];
        header.CopyTo(pgm, 0);
        pixels.CopyTo(pgm.AsSpan(header.Length));
        return pgm;
    }
}
