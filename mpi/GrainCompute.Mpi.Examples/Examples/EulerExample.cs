using System.Globalization;
using GrainCompute.Kernels;
using GrainCompute.Mpi.Examples.Cli;
using GrainCompute.Mpi.Examples.Numerics;
using MPI;

namespace GrainCompute.Mpi.Examples.Examples;

/// <summary>
/// Seed 002's exercise "estimate e without exp or log": the count of uniforms U₁+U₂+… needed to exceed 1
/// has expectation e. Each rank counts draws over its trials; a sum <c>Reduce</c> gives e ≈ draws/trials.
/// </summary>
internal sealed class EulerExample : IExample
{
    public string Name => "euler";

    public string Description => "Monte Carlo e (mean number of uniforms whose sum exceeds 1), Reduce(sum) to rank 0";

    public IReadOnlyList<ExampleParameter> Parameters { get; } =
    [
        ExampleParameter.Integer("samples", "trials, 1..10^12", 10_000_000, 1, 1_000_000_000_000),
        ExampleParameter.Integer("seed", "random seed; block k uses stream (seed, k)", 42, long.MinValue, long.MaxValue),
        ExampleParameter.Integer("block", "trials per block (the unit dealt to ranks)", 1_000_000, 1, 1_000_000_000),
    ];

    public ExampleOutcome? Run(ExampleContext context)
    {
        var samples = context.Arguments.GetInt64("samples");
        var seed = context.Arguments.GetInt64("seed");
        var block = context.Arguments.GetInt64("block");
        var world = context.World;
        var mine = SampleBlocks.SumOwned(samples, block, world.Rank, world.Size, (k, size) => Draws(new BlockRandom(seed, k), size));
        var draws = world.Reduce(mine, Operation<long>.Add, 0);
        if (world.Rank != 0)
        {
            return null;
        }

        var e = (double)draws / samples;
        return new ExampleOutcome(
            string.Create(CultureInfo.InvariantCulture, $"e ≈ {e:R} from {samples} trials (error {Math.Abs(e - Math.E):E2})"),
            e,
            new Dictionary<string, object?> { ["draws"] = draws, ["samples"] = samples, ["seed"] = seed, ["error"] = Math.Abs(e - Math.E) });
    }

    private static long Draws(BlockRandom random, long trials)
    {
        long draws = 0;
        for (long t = 0; t < trials; t++)
        {
            var sum = 0.0;
            while (sum <= 1.0)
            {
                sum += random.NextDouble();
                draws++;
            }
        }

        return draws;
    }
}
