using GrainCompute.Kernels;

namespace GrainCompute.Grains.Mpi;

internal sealed class MpiPingPongParameters : IMpiRunParameters
{
    [KernelParameterDescription("MPI ranks, 2..256 (ranks 0 and 1 exchange messages; more only wait).")]
    public int Ranks { get; set; } = 2;

    [KernelParameterDescription("Round trips per message size, 1..10^6 (fewer for large sizes).")]
    public int Iterations { get; set; } = 1000;

    [KernelParameterDescription("Largest message in bytes, 1..2^28; sizes go 1, 8, 64, … up to it.")]
    public int MaxBytes { get; set; } = 1 << 20;

    [KernelParameterDescription(IMpiRunParameters.TimeoutDescription)]
    public int TimeoutSeconds { get; set; } = 60;
}

/// <summary>Latency and bandwidth between ranks 0 and 1; result: <c>{latencyMicroseconds, bandwidthMegabytesPerSecond}</c>.</summary>
internal sealed class MpiPingPongKernel(MpiSidecar sidecar) : MpiKernel<MpiPingPongParameters>(sidecar)
{
    public override string Name => "mpi-pingpong";

    public override string Example => "pingpong";

    public override string Description => "MPI ping-pong on the sidecar: one-way latency and bandwidth between ranks 0 and 1";

    protected override int MinRanks => 2;

    protected override Dictionary<string, string> ExampleParameters(MpiPingPongParameters parameters) => new()
    {
        ["iterations"] = Text(parameters.Iterations),
        ["max-bytes"] = Text(parameters.MaxBytes),
    };

    protected override void ValidateExample(MpiPingPongParameters parameters)
    {
        Require(parameters.Iterations is >= 1 and <= 1_000_000, "iterations", "iterations must be ≥ 1 and ≤ 10^6");
        Require(parameters.MaxBytes is >= 1 and <= 1 << 28, "maxBytes", "maxBytes must be ≥ 1 and ≤ 2^28");
    }
}
