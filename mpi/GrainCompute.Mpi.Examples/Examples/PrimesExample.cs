using GrainCompute.Mpi.Examples.Cli;
using GrainCompute.Mpi.Examples.Numerics;

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
        Span<long> n = [context.IsRoot ? context.Arguments.GetInt64("n") : 0];
        world.Bcast(n, root: 0);

        var ranges = context.IsRoot ? Ranges(n[0], world.Size) : [];
        Span<long> mine = stackalloc long[2];
        world.Scatter<long>(ranges, mine, root: 0);

        var total = world.Allreduce(SegmentedSieve.Count(mine[0], mine[1]), MpiOp.Sum);
        return context.IsRoot
            ? new ExampleOutcome($"π({n[0]}) = {total} primes ≤ {n[0]}", total, new Dictionary<string, object?> { ["n"] = n[0] })
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
