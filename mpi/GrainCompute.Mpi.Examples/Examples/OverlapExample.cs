using System.Globalization;
using GrainCompute.Kernels;
using GrainCompute.Mpi.Examples.Cli;
using GrainCompute.Mpi.Examples.Numerics;
using MPI;

namespace GrainCompute.Mpi.Examples.Examples;

/// <summary>
/// Non-blocking messages overlapping computation: the π example's blocks, but every block's hit count leaves
/// with <c>ImmediateSend</c> the moment it is counted while the rank goes on to its next block, and rank 0
/// posts an <c>ImmediateReceive</c> for every other rank's block before it computes its own. It reports how
/// many had already arrived when its own work was done (communication hidden behind computation); the hits,
/// and so π, equal the <c>pi</c> example's and the <c>montecarlo-pi</c> kernel's for the same seed and blocks.
/// </summary>
internal sealed class OverlapExample : IExample
{
    private const int _hitsTag = 31;

    // One receive is posted per block: bounded so that a huge --samples cannot post millions of requests.
    private const long _maxBlocks = 10_000;

    public string Name => "overlap";

    public string Description => "Monte Carlo π with ImmediateSend of each block's hits while computing the next; rank 0 pre-posts ImmediateReceive";

    public IReadOnlyList<ExampleParameter> Parameters { get; } =
    [
        ExampleParameter.Integer("samples", "total random points, 1..10^12", 100_000_000, 1, 1_000_000_000_000),
        ExampleParameter.Integer("seed", "random seed; block k uses stream (seed, k)", 42, long.MinValue, long.MaxValue),
        ExampleParameter.Integer("block", "points per block; at most 10^4 blocks", 1_000_000, 1, 1_000_000_000),
    ];

    public ExampleOutcome? Run(ExampleContext context)
    {
        var samples = context.Arguments.GetInt64("samples");
        var seed = context.Arguments.GetInt64("seed");
        var block = context.Arguments.GetInt64("block");
        var blocks = SampleBlocks.Count(samples, block);
        if (blocks > _maxBlocks)
        {
            throw new InvalidOperationException($"overlap posts one receive per block: {blocks} blocks, at most {_maxBlocks}; raise --block");
        }

        var world = context.World;
        var receives = new List<ReceiveRequest>();
        if (context.IsRoot)
        {
            // Block k belongs to rank k mod size; MPI keeps one sender's messages in order, so source alone matches them.
            for (var k = 1L; k < blocks; k++)
            {
                if (k % world.Size != 0)
                {
                    receives.Add(world.ImmediateReceive<long>((int)(k % world.Size), _hitsTag));
                }
            }
        }

        var sends = new RequestList();
        long mine = 0;
        for (var k = (long)world.Rank; k < blocks; k += world.Size)
        {
            var hits = PiExample.Hits(new BlockRandom(seed, k), SampleBlocks.SizeOf(k, samples, block));
            if (context.IsRoot)
            {
                mine += hits;
            }
            else
            {
                sends.Add(world.ImmediateSend(hits, 0, _hitsTag));
            }
        }

        sends.WaitAll();
        if (!context.IsRoot)
        {
            return null;
        }

        var arrivedDuringCompute = receives.Count(r => r.Test() is not null);
        var total = mine;
        foreach (var receive in receives)
        {
            _ = receive.Wait();
            total += (long)receive.GetValue();
        }

        var pi = 4.0 * total / samples;
        return new ExampleOutcome(
            string.Create(CultureInfo.InvariantCulture,
                $"π ≈ {pi:R} from {samples} samples; {arrivedDuringCompute} of {receives.Count} block results had arrived while rank 0 computed"),
            pi,
            new Dictionary<string, object?> { ["hits"] = total, ["samples"] = samples, ["seed"] = seed, ["blocks"] = blocks, ["posted"] = receives.Count, ["arrivedDuringCompute"] = arrivedDuringCompute });
    }
}
