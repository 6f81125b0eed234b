namespace GrainCompute.Kernels;

internal sealed class SlowSubParameters
{
    [KernelParameterDescription("Minuend.")]
    public long A { get; set; } = 2;

    [KernelParameterDescription("Subtrahend.")]
    public long B { get; set; } = 1;

    [KernelParameterDescription("Seconds each call waits, 0..3600 (the seed's delay=1).")]
    public double Delay { get; set; } = 1;

    [KernelParameterDescription("Number of calls (items), 1..1000000.")]
    public int Count { get; set; } = 1;
}

/// <summary>Seed 003's <c>slowsub(a, b, delay=1)</c>: an I/O-bound call; each item is a − b, the result their sum (a − b for one call).</summary>
internal sealed class SlowSubKernel : Kernel<SlowSubParameters, long>, IIoBoundKernel
{
    public override string Name => "slowsub";

    public override string Description => "a − b after waiting delay seconds (I/O-bound, holds no thread); count calls, summed";

    public override ReductionKind Reduction => ReductionKind.Sum;

    public override long ItemCount(SlowSubParameters parameters) => parameters.Count;

    public override ValueTask RunChunkAsync(SlowSubParameters parameters, long start, Memory<long> results, CancellationToken cancellationToken) =>
        SlowCall.RunAsync(results, parameters.A - parameters.B, parameters.Delay, cancellationToken);

    protected override double EstimateItemNanoseconds(SlowSubParameters parameters) => SlowCall.EstimateNanoseconds(parameters.Delay);

    protected override void Validate(SlowSubParameters parameters)
    {
        SlowCall.Validate(parameters.Delay, parameters.Count);
        SlowCall.ValidateValue(() => checked(parameters.A - parameters.B), parameters.Count, "b", "a − b");
    }
}
