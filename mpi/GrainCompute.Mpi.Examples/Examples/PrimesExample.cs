using GrainCompute.Mpi.Examples.Cli;
using GrainCompute.Mpi.Examples.Numerics;
using MPI;

namespace GrainCompute.Mpi.Examples.Examples;

/// <summary>
/// Seed 002's prime count, message-passing style and without its race: rank 0 broadcasts n and scatters
/// one contiguous range per rank, each rank sieves its range, and <c>Allreduce</c> sums the counts so every
/// rank knows π(n) — no shared counter, hence no lost increments.
/// </summary>
internal sealed class PrimesExample : IExample
{
    public string Name => "primes";

    public string Description => "count primes ≤ n: Bcast n, Scatter ranges, segmented sieve per rank, Allreduce(sum)";

    public IReadOnlyList<ExampleParameter> Parameters { get; } =
    [
        ExampleParameter.Integer("n", "upper bound (inclusive), 1..10^11", 10_000_000, 1, 100_000_000_000),
    ];

    public ExampleOutcome? Run(ExampleContext context)
    {
        var world = context.World;
        var n = context.IsRoot ? context.Arguments.GetInt64("n") : 0;
        world.Broadcast(ref n, 0);

        // Two longs per rank from the flattened [low, high, low, high, …] on rank 0.
        var mine = world.ScatterFromFlattened(context.IsRoot ? Ranges(n, world.Size) : [], 2, 0);

        var total = world.Allreduce(SegmentedSieve.Count(mine[0], mine[1]), Operation<long>.Add);
        return context.IsRoot
            ? new ExampleOutcome($"π({n}) = {total} primes ≤ {n}", total, new Dictionary<string, object?> { ["n"] = n })
            : null;
    }

    /// <summary>[low, high] per rank, flattened; near-equal widths (sieving cost is close to linear in width).</summary>
    private static long[] Ranges(long n, int size)
    {
        var ranges = new long[2 * size];
        for (var r = 0; r < size; r++)
        {
            ranges[2 * r] = 1 + (n * r / size);
            ranges[(2 * r) + 1] = n * (r + 1) / size;
        }

        return ranges;
    }
}
