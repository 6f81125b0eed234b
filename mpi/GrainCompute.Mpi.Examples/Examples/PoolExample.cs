using System.Security.Cryptography;
using GrainCompute.Kernels;
using GrainCompute.Mpi.Examples.Cli;
using GrainCompute.Mpi.Examples.Pool;

namespace GrainCompute.Mpi.Examples.Examples;

/// <summary>
/// Seed 000 as written: <c>executor.map(julia_line, range(h))</c> on an <see cref="MpiPoolExecutor{TItem, TResult}"/> —
/// one line per item, results in completion order, rank 0 puts each line in place and writes the same PGM as
/// the <c>julia</c> kernel and example.
/// </summary>
internal sealed class PoolExample : IExample
{
    public string Name => "pool";

    public string Description => "MPIPoolExecutor-style map of the Julia line function over the lines; results in completion order";

    public IReadOnlyList<ExampleParameter> Parameters { get; } =
    [
        ExampleParameter.Integer("width", "image width in pixels (the seed: 1280)", 1280, 1, 10240),
        ExampleParameter.Integer("height", "image height in pixels (the seed: 960)", 960, 1, 7680),
    ];

    public ExampleOutcome? Run(ExampleContext context)
    {
        var width = context.Arguments.GetInt32("width");
        var height = context.Arguments.GetInt32("height");
        var pool = new MpiPoolExecutor<int, byte[]>(context.World, line =>
        {
            var pixels = new byte[width];
            JuliaLine.Compute(line, width, height, pixels);
            return pixels;
        });
        if (!context.IsRoot)
        {
            pool.Serve();
            return null;
        }

        var image = new byte[(long)width * height];
        var linesPerRank = new int[context.World.Size];
        var outOfOrder = 0;
        var expected = 0;
        foreach (var (index, worker, pixels) in pool.Map([.. Enumerable.Range(0, height)]))
        {
            pixels.CopyTo(image.AsSpan(index * width, width));
            linesPerRank[worker]++;
            outOfOrder += index == expected ? 0 : 1;
            expected = index + 1;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Pgm.Encode(width, height, image)));
        return new ExampleOutcome(
            $"{width}×{height} image from {height} mapped lines, sha256 {hash}; {outOfOrder} arrived out of order",
            hash,
            new Dictionary<string, object?> { ["width"] = width, ["height"] = height, ["linesPerRank"] = linesPerRank, ["outOfOrder"] = outOfOrder });
    }
}
