namespace GrainCompute.Kernels.Tests.Kernels;

public sealed class JuliaKernelTests
{
    /// <summary>The seed's julia/julia_line, transcribed directly (Python's hypot as √(x²+y²)).</summary>
    private static byte[] SerialImage(int w, int h)
    {
        double x0 = -2.0, x1 = 2.0, y0 = -1.5, y1 = 1.5;
        var dx = (x1 - x0) / w;
        var dy = (y1 - y0) / h;
        var image = new byte[w * h];
        for (var k = 0; k < h; k++)
        {
            var y = y1 - (k * dy);
            for (var j = 0; j < w; j++)
            {
                double zr = x0 + (j * dx), zi = y;
                var n = 255;
                while (Math.Sqrt((zr * zr) + (zi * zi)) < 3 && n > 1)
                {
                    (zr, zi) = ((zr * zr) - (zi * zi), (zr * zi) + (zi * zr) + 0.65);
                    n--;
                }

                image[(k * w) + j] = (byte)n;
            }
        }

        return image;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(0)]
    public async Task Small_image_from_chunks_equals_the_serial_loop(int chunkSize)
    {
        var pixels = (byte[])(await KernelHarness.ReduceAsync("julia", """{"width": 64, "height": 48}""", chunkSize))!;
        Assert.Equal(SerialImage(64, 48), pixels);
    }

    [Fact]
    public async Task Seed_sized_image_equals_the_serial_loop()
    {
        var pixels = (byte[])(await KernelHarness.ReduceAsync("julia", "{}", 100))!;
        Assert.Equal(1280 * 960, pixels.Length);
        Assert.Equal(SerialImage(1280, 960), pixels);
    }

    [Fact]
    public void JuliaLine_compute_matches_the_kernels_line()
    {
        var line = new byte[1280];
        JuliaLine.Compute(480, 1280, 960, line);
        Assert.Equal(SerialImage(1280, 960).AsSpan(480 * 1280, 1280).ToArray(), line);
    }

    [Fact]
    public void Escape_test_follows_a_correctly_rounded_hypot_on_the_circle()
    {
        var below3 = Math.BitDecrement(3.0);
        Assert.False(EscapeTest.IsInside(3.0, 0));
        Assert.True(EscapeTest.IsInside(below3, 0));
        Assert.False(EscapeTest.IsInside(0, -3.0));

        // x²+y² lies between (3 − 2⁻⁵²)² and 9: true hypot ≈ 3 − 2⁻⁵³, which rounds to 3, so not inside.
        Assert.False(EscapeTest.IsInsideExact(below3, 1.5 * Math.Pow(2, -25)));

        // Just below the midpoint: true hypot rounds down to 3 − 2⁻⁵¹, inside.
        Assert.True(EscapeTest.IsInsideExact(below3, Math.Pow(2, -25)));
    }
}
