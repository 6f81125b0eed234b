using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace GrainCompute.Mpi.Tests.Examples;

/// <summary>
/// The seed's Julia program (000_*) transcribed line for line as a plain serial loop — an independent
/// reference for the MPI pool's image, sharing no code with it.
/// </summary>
internal static class SeedJulia
{
    public static byte[] Pgm(int w, int h)
    {
        double x0 = -2.0, x1 = +2.0, y0 = -1.5, y1 = +1.5;
        var dx = (x1 - x0) / w;
        var dy = (y1 - y0) / h;
        var c = new Complex(0, 0.65);
        var image = new List<byte>(Encoding.ASCII.GetBytes($"P5 {w} {h} 255\n"));
        for (var k = 0; k < h; k++)
        {
            var y = y1 - (k * dy);
            for (var j = 0; j < w; j++)
            {
                var x = x0 + (j * dx);
                var z = new Complex(x, y);
                var n = 255;
                while (Complex.Abs(z) < 3 && n > 1)
                {
                    z = (z * z) + c;
                    n -= 1;
                }

                image.Add((byte)n);
            }
        }

        return [.. image];
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
