using System.Runtime.InteropServices;

namespace GrainCompute.Kernels;

internal sealed class SquareParameters
{
    [KernelParameterDescription("Number of seeds; item i is random_square(i) for i in 0..n-1. 1 ≤ n ≤ 2^32.")]
    public long N { get; set; } = 1_000_000;
}

/// <summary>
/// Seed 001's <c>random_square(i)</c>: <c>np.random.seed(i); randint(0, 10) ** 2</c>, reproducing numpy's
/// legacy MT19937 exactly. The items are the map's result; the reduction also reports their sum.
/// </summary>
internal sealed class SquareKernel : Kernel<SquareParameters, int>
{
    public override string Name => "square";

    public override string Description => "random_square(i) = (numpy seed(i); randint(0, 10))² for seeds 0..n-1; also sums them";

    public override ReductionKind Reduction => ReductionKind.Sum;

    public override long ItemCount(SquareParameters parameters) => parameters.N;

    public override void RunChunk(SquareParameters parameters, long start, Span<int> results, CancellationToken cancellationToken)
    {
        const int Batch = 4096;
        var draws = MemoryMarshal.Cast<int, uint>(results);
        for (var offset = 0; offset < results.Length; offset += Batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = draws.Slice(offset, Math.Min(Batch, results.Length - offset));
            NumpyLegacyRandom.RandIntConsecutive((uint)(start + offset), 10, batch);
            foreach (ref var value in batch)
            {
                value *= value;
            }
        }
    }

    protected override double EstimateItemNanoseconds(SquareParameters parameters) => 200;

    protected override void Validate(SquareParameters parameters)
    {
        if (parameters.N is < 1 or > 1L << 32)
        {
            throw Invalid("n", "n must be ≥ 1 and ≤ 2^32 (numpy seeds are 32-bit)");
        }
    }
}
