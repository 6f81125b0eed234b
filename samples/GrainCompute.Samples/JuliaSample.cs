using GrainCompute.Client;

namespace GrainCompute.Samples;

/// <summary>Seed 000: <c>image = executor.map(julia_line, range(h))</c> with mpi4py.futures, saved as a PGM.</summary>
public static class JuliaSample
{
    public static async Task RunAsync(ComputeClient client, TextWriter output)
    {
        const int Width = 1280, Height = 960;
        var image = await client.Kernels.JuliaAsync(Width, Height);
        var pixels = await image.GetResultAsync();

        var path = Path.Combine(Path.GetTempPath(), "julia.pgm");
        byte[] pgm = [.. System.Text.Encoding.ASCII.GetBytes($"P5 {Width} {Height} 255\n"), .. pixels];
        await File.WriteAllBytesAsync(path, pgm);
        await output.WriteLineAsync($"{pixels.Length} pixels ({Width} × {Height}) written to {path}");
    }
}
