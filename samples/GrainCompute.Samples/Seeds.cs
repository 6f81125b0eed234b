using GrainCompute.Client;

namespace GrainCompute.Samples;

/// <summary>Every sample by name, in the order the seeds teach them.</summary>
public static class Seeds
{
    public static IReadOnlyDictionary<string, Func<ComputeClient, TextWriter, Task>> All { get; } = new Dictionary<string, Func<ComputeClient, TextWriter, Task>>
    {
        ["julia"] = JuliaSample.RunAsync,
        ["isprime"] = IsPrimeSample.RunAsync,
        ["montecarlo-pi"] = MonteCarloPiSample.RunAsync,
        ["collatz"] = CollatzSample.RunAsync,
        ["futures"] = FuturesSample.RunAsync,
        ["dependencies"] = DependenciesSample.RunAsync,
        ["sumprimes"] = SumPrimesSample.RunAsync,
        ["as-completed"] = AsCompletedSample.RunAsync,
        ["wait"] = WaitSample.RunAsync,
        ["thermal-gas"] = ThermalGasSample.RunAsync,
    };
}
