using GrainCompute.Kernels;

namespace GrainCompute.Grains.Mpi;

internal sealed class MpiJuliaParameters : IMpiRunParameters
{
    [KernelParameterDescription(IMpiRunParameters.RanksDescription)]
    public int Ranks { get; set; } = 4;

    [KernelParameterDescription("Image width in pixels, 1..10240 (the seed: 1280).")]
    public int Width { get; set; } = 1280;

    [KernelParameterDescription("Image height in pixels, 1..7680 (the seed: 960).")]
    public int Height { get; set; } = 960;

    [KernelParameterDescription("Lines rank 0 hands to an idle worker at a time, 1..7680.")]
    public int ChunkLines { get; set; } = 8;

    [KernelParameterDescription(IMpiRunParameters.TimeoutDescription)]
    public int TimeoutSeconds { get; set; } = 60;
}

/// <summary>
/// Seed 000's <c>MPIPoolExecutor</c> Julia set under mpiexec: a master/worker pool over lines. Result: the SHA-256
/// of the PGM, equal to that of the <c>julia</c> kernel's image (same <c>JuliaLine</c>); the pixels stay in the sidecar.
/// </summary>
internal sealed class MpiJuliaKernel(MpiSidecar sidecar) : MpiKernel<MpiJuliaParameters>(sidecar)
{
    public override string Name => "mpi-julia";

    public override string Example => "julia";

    public override string Description => "Julia set on the MPI sidecar: rank 0 hands chunks of lines to idle workers; result: SHA-256 of the PGM";

    protected override Dictionary<string, string> ExampleParameters(MpiJuliaParameters parameters) => new()
    {
        ["width"] = Text(parameters.Width),
        ["height"] = Text(parameters.Height),
        ["chunk"] = Text(parameters.ChunkLines),
    };

    protected override void ValidateExample(MpiJuliaParameters parameters)
    {
        Require(parameters.Width is >= 1 and <= 10240, "width", "width must be ≥ 1 and ≤ 10240");
        Require(parameters.Height is >= 1 and <= 7680, "height", "height must be ≥ 1 and ≤ 7680");
        Require(parameters.ChunkLines is >= 1 and <= 7680, "chunkLines", "chunkLines must be ≥ 1 and ≤ 7680");
    }
}
