namespace GrainCompute.Kernels;

internal sealed class JuliaParameters
{
    [KernelParameterDescription("Image width in pixels, 1..10240 (the seed: 1280; 4× resolution: 2560).")]
    public int Width { get; set; } = 1280;

    [KernelParameterDescription("Image height in pixels = number of items (lines), 1..7680 (the seed: 960).")]
    public int Height { get; set; } = 960;
}

/// <summary>
/// Seed 000's Julia set (mpi4py.futures <c>julia_line</c>): item k is image line k, width bytes; the lines
/// concatenate into the image's pixels (<see cref="ImageEncoder"/> makes the PGM/PNG).
/// </summary>
internal sealed class JuliaKernel : Kernel<JuliaParameters, byte[]>
{
    public override string Name => "julia";

    public override string Description => "Julia set z → z² + 0.65i on [-2,2]×[-1.5,1.5], one image line per item; result: 8-bit gray pixels";

    public override ReductionKind Reduction => ReductionKind.Concat;

    public override long ItemCount(JuliaParameters parameters) => parameters.Height;

    public override void RunChunk(JuliaParameters parameters, long start, Span<byte[]> results, CancellationToken cancellationToken)
    {
        for (var i = 0; i < results.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var line = new byte[parameters.Width];
            JuliaLine.Compute((int)(start + i), parameters.Width, parameters.Height, line);
            results[i] = line;
        }
    }

    // Most pixels escape within a few dozen iterations; the set's interior costs 254.
    protected override double EstimateItemNanoseconds(JuliaParameters parameters) => parameters.Width * 150.0;

    protected override void Validate(JuliaParameters parameters)
    {
        if (parameters.Width is < 1 or > 10240)
        {
            throw Invalid("width", "width must be ≥ 1 and ≤ 10240");
        }

        if (parameters.Height is < 1 or > 7680)
        {
            throw Invalid("height", "height must be ≥ 1 and ≤ 7680");
        }
    }
}
