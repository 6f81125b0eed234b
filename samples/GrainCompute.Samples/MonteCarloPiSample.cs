using GrainCompute.Client;

namespace GrainCompute.Samples;

/// <summary>Seed 002 <c>monte_carlo_pi.py</c>: points in the unit square, counted in parallel blocks.</summary>
public static class MonteCarloPiSample
{
    public static async Task RunAsync(ComputeClient client, TextWriter output)
    {
        var pi = await client.Kernels.MonteCarloPiAsync(samples: 10_000_000);
        await output.WriteLineAsync($"π ≈ {await pi.GetResultAsync():F5}");
    }
}
