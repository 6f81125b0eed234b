namespace GrainCompute.Kernels;

internal sealed class SquareNumberParameters
{
    [KernelParameterDescription("Item i is (i+1)², for the numbers 1..n; 1 ≤ n ≤ 3·10^9.")]
    public long N { get; set; } = 10;
}

/// <summary>Seed 002's <c>square_number(number)</c> over <c>numbers = [1, …, 10]</c>: a plain map, no reduction.</summary>
internal sealed class SquareNumberKernel : Kernel<SquareNumberParameters, long>
{
    public override string Name => "square-number";

    public override string Description => "The squares of 1..n (a plain map)";

    public override ReductionKind Reduction => ReductionKind.None;

    public override long ItemCount(SquareNumberParameters parameters) => parameters.N;

    public override void RunChunk(SquareNumberParameters parameters, long start, Span<long> results, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        for (var i = 0; i < results.Length; i++)
        {
            var number = start + i + 1;
            results[i] = number * number;
        }
    }

    protected override double EstimateItemNanoseconds(SquareNumberParameters parameters) => 1;

    protected override void Validate(SquareNumberParameters parameters)
    {
        if (parameters.N is < 1 or > 3_000_000_000)
        {
            throw Invalid("n", "n must be ≥ 1 and ≤ 3·10^9");
        }
    }
}
