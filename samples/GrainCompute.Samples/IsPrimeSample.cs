using GrainCompute.Client;

namespace GrainCompute.Samples;

/// <summary>Seed 001: <c>pool.starmap(is_primeP, subint_limits(n, num_cores))</c> — the sub-intervals are the kernel's items.</summary>
public static class IsPrimeSample
{
    public static async Task RunAsync(ComputeClient client, TextWriter output)
    {
        var test = await client.Kernels.IsPrimeAsync(489133282872437279);
        var result = await test.GetResultAsync();
        await output.WriteLineAsync(result.IsPrime ? $"{result.N} is prime." : $"Not prime: {result.Factor} is a factor.");
    }
}
