namespace GrainCompute.Kernels;

/// <summary>
/// One line of the seeds' Julia set image (mpi4py.futures example, 000_*), bit-identical to the Python:
/// the MPI examples and the <c>julia</c> kernel both call this, so their images compare byte for byte.
/// </summary>
/// <remarks>
/// Python: <c>x0, x1, y0, y1 = -2, 2, -1.5, 1.5</c>, <c>dx = (x1 - x0) / w</c>, <c>dy = (y1 - y0) / h</c>,
/// <c>y = y1 - k*dy</c>, <c>x = x0 + j*dx</c>, <c>c = 0.65i</c>, and
/// <c>n = 255; while abs(z) &lt; 3 and n &gt; 1: z = z**2 + c; n -= 1</c>.
/// CPython computes <c>z**2</c> by repeated multiplication (<c>c_powu</c>: (1+0j)·(z·z)), i.e.
/// re = x·x − y·y, im = x·y + y·x, with no fused multiply-add; RyuJIT does not contract either, so the
/// same IEEE operations in the same order give the same doubles. <c>abs(z)</c> is C <c>hypot</c>; see
/// <see cref="EscapeTest"/> for how "hypot &lt; 3" is decided exactly.
/// </remarks>
public static class JuliaLine
{
    public const double X0 = -2.0;
    public const double X1 = 2.0;
    public const double Y0 = -1.5;
    public const double Y1 = 1.5;
    public const double CImaginary = 0.65;

    /// <summary>Fills <paramref name="line"/> (length ≥ width) with line <paramref name="k"/> (0 = top) of a width×height image.</summary>
    public static void Compute(int k, int width, int height, Span<byte> line)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfLessThan(line.Length, width, nameof(line));
        var dx = (X1 - X0) / width;
        var dy = (Y1 - Y0) / height;
        var y = Y1 - (k * dy);
        for (var j = 0; j < width; j++)
        {
            line[j] = Pixel(X0 + (j * dx), y);
        }
    }

    /// <summary>The seed's <c>julia(x, y)</c>: 255 minus the iterations before escape, at least 1.</summary>
    public static byte Pixel(double x, double y)
    {
        var n = 255;
        while (n > 1 && EscapeTest.IsInside(x, y))
        {
            var re = (x * x) - (y * y);
            var im = (x * y) + (y * x);
            x = re + 0.0;
            y = im + CImaginary;
            n--;
        }

        return (byte)n;
    }
}
