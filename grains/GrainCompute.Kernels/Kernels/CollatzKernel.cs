namespace GrainCompute.Kernels;

internal sealed class CollatzParameters
{
    [KernelParameterDescription("Item i is the number of Collatz steps from i+1 to 1, for 1..n; 1 ≤ n ≤ 10^9.")]
    public long N { get; set; } = 1_000_000;
}

/// <summary>
/// Seed 002's exercise: how many times the Collatz function takes each of 1..n to 1. The items are the
/// map; the reduction is Max, the longest chain (524 steps below 10^6, at 837799), because a sum of
/// step counts means nothing.
/// </summary>
internal sealed class CollatzKernel : Kernel<CollatzParameters, int>
{
    public override string Name => "collatz";

    public override string Description => "Collatz steps to reach 1 for each of 1..n; result: the longest chain";

    public override ReductionKind Reduction => ReductionKind.Max;

    public override long ItemCount(CollatzParameters parameters) => parameters.N;

    public override void RunChunk(CollatzParameters parameters, long start, Span<int> results, CancellationToken cancellationToken)
    {
        for (var i = 0; i < results.Length; i++)
        {
            if ((i & 255) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            // Below 10^9 the trajectories peak under 2^63, so ulong cannot overflow.
            var x = (ulong)(start + i + 1);
            var steps = 0;
            while (x != 1)
            {
                x = (x & 1) == 0 ? x >> 1 : (3 * x) + 1;
                steps++;
            }

            results[i] = steps;
        }
    }

    protected override double EstimateItemNanoseconds(CollatzParameters parameters) => 150;

    protected override void Validate(CollatzParameters parameters)
    {
        if (parameters.N is < 1 or > 1_000_000_000)
        {
            throw Invalid("n", "n must be ≥ 1 and ≤ 10^9");
        }
    }
}
