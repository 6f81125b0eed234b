using GrainCompute.Kernels;

namespace GrainCompute.Grains.Mpi;

internal sealed class MpiPiParameters : IMpiRunParameters
{
    [KernelParameterDescription(IMpiRunParameters.RanksDescription)]
    public int Ranks { get; set; } = 4;

    [KernelParameterDescription("Total random points in the unit square, 1..10^12.")]
    public long Samples { get; set; } = 100_000_000;

    [KernelParameterDescription("Seed; block k draws from stream (seed, k), as montecarlo-pi's blocks do.")]
    public long Seed { get; set; } = 42;

    [KernelParameterDescription("Points per block (the unit dealt to ranks), 1..10^9; with montecarlo-pi's seed and blockSize the estimate is identical.")]
    public int BlockSize { get; set; } = 1_000_000;

    [KernelParameterDescription(IMpiRunParameters.TimeoutDescription)]
    public int TimeoutSeconds { get; set; } = 60;
}

/// <summary>Seed 002's <c>monte_carlo_pi.py</c> under mpiexec: each rank samples, Reduce(sum) of the hits; result: the π estimate.</summary>
internal sealed class MpiPiKernel(MpiSidecar sidecar) : MpiKernel<MpiPiParameters>(sidecar)
{
    public override string Name => "mpi-pi";

    public override string Example => "pi";

    public override string Description => "Monte Carlo π on the MPI sidecar: ranks sample points, Reduce(sum) of hits; result: the estimate";

    protected override Dictionary<string, string> ExampleParameters(MpiPiParameters parameters) => new()
    {
        ["samples"] = Text(parameters.Samples),
        ["seed"] = Text(parameters.Seed),
        ["block"] = Text(parameters.BlockSize),
    };

    protected override void ValidateExample(MpiPiParameters parameters)
    {
        Require(parameters.Samples is >= 1 and <= 1_000_000_000_000, "samples", "samples must be ≥ 1 and ≤ 10^12");
        Require(parameters.BlockSize is >= 1 and <= 1_000_000_000, "blockSize", "blockSize must be ≥ 1 and ≤ 10^9");
    }
}
