using GrainCompute.Kernels;

namespace GrainCompute.Grains.Mpi;

internal sealed class MpiHelloParameters : IMpiRunParameters
{
    [KernelParameterDescription(IMpiRunParameters.RanksDescription)]
    public int Ranks { get; set; } = 4;

    [KernelParameterDescription(IMpiRunParameters.TimeoutDescription)]
    public int TimeoutSeconds { get; set; } = 60;
}

/// <summary>Seed 002's <c>mpi.py</c>: rank 0 greets every rank and collects the replies; result: the number of replies (ranks − 1).</summary>
internal sealed class MpiHelloKernel(MpiSidecar sidecar) : MpiKernel<MpiHelloParameters>(sidecar)
{
    public override string Name => "mpi-hello";

    public override string Example => "hello";

    public override string Description => "MPI hello on the sidecar: every rank reports rank/size/host, rank 0 greets each; result: replies received";

    protected override Dictionary<string, string> ExampleParameters(MpiHelloParameters parameters) => [];

    protected override void ValidateExample(MpiHelloParameters parameters)
    {
    }
}
