namespace GrainCompute.Kernels;

internal sealed class SlowIncParameters
{
    [KernelParameterDescription("The number to increment.")]
    public long X { get; set; } = 1;

    [KernelParameterDescription("Seconds each call waits, 0..3600 (the seed's delay=1).")]
    public double Delay { get; set; } = 1;

    [KernelParameterDescription("Number of calls (items), 1..1000000.")]
    public int Count { get; set; } = 1;
}

/// <summary>Seed 003's <c>slowinc(x, delay=1)</c>: each item is x + 1 after the delay; the result their sum.</summary>
internal sealed class SlowIncKernel : Kernel<SlowIncParameters, long>, IIoBoundKernel
{
    public override string Name => "slowinc";

    public override string Description => "x + 1 after waiting delay seconds (I/O-bound, holds no thread); count calls, summed";

    public override ReductionKind Reduction => ReductionKind.Sum;

    public override long ItemCount(SlowIncParameters parameters) => parameters.Count;

    public override ValueTask RunChunkAsync(SlowIncParameters parameters, long start, Memory<long> results, CancellationToken cancellationToken) =>
        SlowCall.RunAsync(results, parameters.X + 1, parameters.Delay, cancellationToken);

    protected override double EstimateItemNanoseconds(SlowIncParameters parameters) => SlowCall.EstimateNanoseconds(parameters.Delay);

    protected override void Validate(SlowIncParameters parameters)
    {
        SlowCall.Validate(parameters.Delay, parameters.Count);
        SlowCall.ValidateValue(() => checked(parameters.X + 1), parameters.Count, "x", "x + 1");
    }
}
