using System.Globalization;
using GrainCompute.Kernels;
using GrainCompute.Mpi.Examples.Cli;
using GrainCompute.Mpi.Examples.Numerics;
using MPI;

namespace GrainCompute.Mpi.Examples.Examples;

/// <summary>
/// Seed 002's <c>monte_carlo_pi.py</c> (run there with 10 ranks): each rank counts its samples inside the
/// quarter circle, a sum <c>Reduce</c> brings the hits to rank 0, π ≈ 4·hits/samples.
/// </summary>
internal sealed class PiExample : IExample
{
    public string Name => "pi";

    public string Description => "Monte Carlo π: each rank samples points, Reduce(sum) of the hits to rank 0";

    public IReadOnlyList<ExampleParameter> Parameters { get; } =
    [
        ExampleParameter.Integer("samples", "total random points, 1..10^12", 100_000_000, 1, 1_000_000_000_000),
        ExampleParameter.Integer("seed", "random seed; block k uses stream (seed, k)", 42, long.MinValue, long.MaxValue),
        ExampleParameter.Integer("block", "points per block (the unit dealt to ranks)", 1_000_000, 1, 1_000_000_000),
    ];

    public ExampleOutcome? Run(ExampleContext context)
    {
        var samples = context.Arguments.GetInt64("samples");
        var seed = context.Arguments.GetInt64("seed");
        var block = context.Arguments.GetInt64("block");
        var world = context.World;
        var mine = SampleBlocks.SumOwned(samples, block, world.Rank, world.Size, (k, size) => Hits(new BlockRandom(seed, k), size));
        var hits = world.Reduce(mine, Operation<long>.Add, 0);
        if (world.Rank != 0)
        {
            return null;
        }

        var pi = 4.0 * hits / samples;
        return new ExampleOutcome(
            string.Create(CultureInfo.InvariantCulture, $"π ≈ {pi:R} from {samples} samples (error {Math.Abs(pi - Math.PI):E2})"),
            pi,
            new Dictionary<string, object?> { ["hits"] = hits, ["samples"] = samples, ["seed"] = seed, ["error"] = Math.Abs(pi - Math.PI) });
    }

    internal static long Hits(BlockRandom random, long samples)
    {
        long hits = 0;
        for (long s = 0; s < samples; s++)
        {
            var x = random.NextDouble();
            var y = random.NextDouble();
            hits += (x * x) + (y * y) <= 1.0 ? 1 : 0; // branch-free, as the montecarlo-pi kernel
        }

        return hits;
    }
}
