using GrainCompute.Client;

namespace GrainCompute.Samples;

/// <summary>Seed 002's exercise: the longest Collatz chain below a million.</summary>
public static class CollatzSample
{
    public static async Task RunAsync(ComputeClient client, TextWriter output)
    {
        var longest = await client.Kernels.CollatzAsync(1_000_000);
        await output.WriteLineAsync($"longest chain for 1..10^6: {await longest.GetResultAsync()} steps");
    }
}
