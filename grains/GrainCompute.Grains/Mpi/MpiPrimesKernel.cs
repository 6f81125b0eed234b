using GrainCompute.Kernels;

namespace GrainCompute.Grains.Mpi;

internal sealed class MpiPrimesParameters : IMpiRunParameters
{
    [KernelParameterDescription(IMpiRunParameters.RanksDescription)]
    public int Ranks { get; set; } = 4;

    [KernelParameterDescription("Upper bound (inclusive), 1..10^11.")]
    public long N { get; set; } = 10_000_000;

    [KernelParameterDescription(IMpiRunParameters.TimeoutDescription)]
    public int TimeoutSeconds { get; set; } = 60;
}

/// <summary>Counts primes ≤ n under mpiexec: Bcast n, Scatter ranges, a segmented sieve per rank, Allreduce(sum); result: π(n).</summary>
internal sealed class MpiPrimesKernel(MpiSidecar sidecar) : MpiKernel<MpiPrimesParameters>(sidecar)
{
    public override string Name => "mpi-primes";

    public override string Example => "primes";

    public override string Description => "count primes ≤ n on the MPI sidecar: Bcast, Scatter ranges, sieve per rank, Allreduce(sum); result: π(n)";

    protected override Dictionary<string, string> ExampleParameters(MpiPrimesParameters parameters) => new()
    {
        ["n"] = Text(parameters.N),
    };

    protected override void ValidateExample(MpiPrimesParameters parameters) =>
        Require(parameters.N is >= 1 and <= 100_000_000_000, "n", "n must be ≥ 1 and ≤ 10^11");
}
