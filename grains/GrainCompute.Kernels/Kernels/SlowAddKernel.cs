namespace GrainCompute.Kernels;

internal sealed class SlowAddParameters
{
    [KernelParameterDescription("First addend.")]
    public long A { get; set; } = 1;

    [KernelParameterDescription("Second addend.")]
    public long B { get; set; } = 2;

    [KernelParameterDescription("Seconds each call waits, 0..3600 (the seed's delay=1).")]
    public double Delay { get; set; } = 1;

    [KernelParameterDescription("Number of calls (items), 1..1000000.")]
    public int Count { get; set; } = 1;
}

/// <summary>Seed 003's <c>slowadd(a, b, delay=1)</c>: an I/O-bound call; each item is a + b, the result their sum (a + b for one call).</summary>
internal sealed class SlowAddKernel : Kernel<SlowAddParameters, long>, IIoBoundKernel
{
    public override string Name => "slowadd";

    public override string Description => "a + b after waiting delay seconds (I/O-bound, holds no thread); count calls, summed";

    public override ReductionKind Reduction => ReductionKind.Sum;

    public override long ItemCount(SlowAddParameters parameters) => parameters.Count;

    public override ValueTask RunChunkAsync(SlowAddParameters parameters, long start, Memory<long> results, CancellationToken cancellationToken) =>
        SlowCall.RunAsync(results, parameters.A + parameters.B, parameters.Delay, cancellationToken);

    protected override double EstimateItemNanoseconds(SlowAddParameters parameters) => SlowCall.EstimateNanoseconds(parameters.Delay);

    protected override void Validate(SlowAddParameters parameters)
    {
        SlowCall.Validate(parameters.Delay, parameters.Count);
        SlowCall.ValidateValue(() => checked(parameters.A + parameters.B), parameters.Count, "b", "a + b");
    }
}
