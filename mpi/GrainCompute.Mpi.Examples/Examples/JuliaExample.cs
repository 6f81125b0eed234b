using System.Security.Cryptography;
using GrainCompute.Kernels;
using GrainCompute.Mpi.Examples.Cli;
using MPI;

namespace GrainCompute.Mpi.Examples.Examples;

/// <summary>
/// Seed 000's <c>MPIPoolExecutor</c> Julia set as an explicit master/worker pool: rank 0 hands chunks of
/// lines to whichever worker is idle (any-source receive) and writes the PGM; ranks 1.. compute lines.
/// </summary>
/// <remarks>
/// Design note. Dynamic rather than static partitioning because line costs differ by ~50× (the set's
/// interior runs 254 iterations, the margins escape at once) — the reason the seed used a pool.
/// Protocol per chunk: master → worker <c>Work</c> {start, count}; worker → master <c>Header</c>
/// {start, count} then <c>Lines</c> (count × width bytes). MPI keeps order between one pair of ranks, so
/// after a Header from rank s the next Lines from s belong to it. <c>Stop</c> (empty) ends a worker.
/// With one rank there are no workers and the master computes every line itself. Pixels come from the
/// grain kernel's <see cref="JuliaLine"/>, so the image is byte-identical to the <c>julia</c> kernel's.
/// </remarks>
internal sealed class JuliaExample : IExample
{
    private const int _workTag = 1;
    private const int _stopTag = 2;
    private const int _headerTag = 3;
    private const int _linesTag = 4;

    public string Name => "julia";

    public string Description => "Julia set z → z² + 0.65i (seed 000): rank 0 hands chunks of lines to idle workers, writes the PGM";

    public IReadOnlyList<ExampleParameter> Parameters { get; } =
    [
        ExampleParameter.Integer("width", "image width in pixels (the seed: 1280)", 1280, 1, 10240),
        ExampleParameter.Integer("height", "image height in pixels (the seed: 960)", 960, 1, 7680),
        ExampleParameter.Integer("chunk", "lines per work item handed to a worker", 8, 1, 7680),
        ExampleParameter.Path("output", "PGM file to write on rank 0 (default: none, only the hash)"),
    ];

    public ExampleOutcome? Run(ExampleContext context)
    {
        var width = context.Arguments.GetInt32("width");
        var height = context.Arguments.GetInt32("height");
        var chunk = context.Arguments.GetInt32("chunk");
        if (!context.IsRoot)
        {
            Work(context.World, width, height);
            return null;
        }

        var pixels = new byte[(long)width * height];
        var linesPerRank = new int[context.World.Size];
        if (context.World.Size == 1)
        {
            ComputeLines(0, height, width, height, pixels);
            linesPerRank[0] = height;
        }
        else
        {
            Master(context.World, width, height, chunk, pixels, linesPerRank);
        }

        var pgm = Pgm.Encode(width, height, pixels);
        var output = context.Arguments.GetString("output");
        if (output.Length > 0)
        {
            File.WriteAllBytes(output, pgm);
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(pgm));
        return new ExampleOutcome(
            $"{width}×{height} image, sha256 {hash}{(output.Length > 0 ? $", written to {output}" : "")}",
            hash,
            new Dictionary<string, object?>
            {
                ["width"] = width, ["height"] = height, ["chunk"] = chunk, ["linesPerRank"] = linesPerRank, ["output"] = output.Length > 0 ? output : null,
            });
    }

    private static void Master(Intracommunicator world, int width, int height, int chunk, byte[] pixels, int[] linesPerRank)
    {
        var next = 0;
        var busy = 0;
        for (var worker = 1; worker < world.Size; worker++)
        {
            busy += Dispatch(world, worker, ref next, chunk, height) ? 1 : 0;
        }

        var header = new int[2];
        var lines = new byte[chunk * width];
        while (busy > 0)
        {
            world.Receive(Communicator.anySource, _headerTag, ref header, out CompletedStatus status);
            var (start, count) = (header[0], header[1]);

            // MPI.NET receives into whole arrays: into a chunk buffer, then into place.
            world.Receive(status.Source, _linesTag, ref lines);
            lines.AsSpan(0, count * width).CopyTo(pixels.AsSpan(start * width));
            linesPerRank[status.Source] += count;
            busy -= Dispatch(world, status.Source, ref next, chunk, height) ? 0 : 1;
        }
    }

    /// <summary>Sends the next chunk to <paramref name="worker"/>, or Stop when none is left; true when it got work.</summary>
    private static bool Dispatch(Intracommunicator world, int worker, ref int next, int chunk, int height)
    {
        if (next >= height)
        {
            world.Send(new[] { 0, 0 }, worker, _stopTag);
            return false;
        }

        var count = Math.Min(chunk, height - next);
        world.Send(new[] { next, count }, worker, _workTag);
        next += count;
        return true;
    }

    private static void Work(Intracommunicator world, int width, int height)
    {
        var work = new int[2];
        while (true)
        {
            world.Receive(0, Communicator.anyTag, ref work, out CompletedStatus status);
            if (status.Tag != _workTag)
            {
                return;
            }

            var (start, count) = (work[0], work[1]);
            var lines = new byte[count * width];
            ComputeLines(start, count, width, height, lines);
            world.Send(work, 0, _headerTag);
            world.Send(lines, 0, _linesTag);
        }
    }

    private static void ComputeLines(int start, int count, int width, int height, Span<byte> destination)
    {
        for (var i = 0; i < count; i++)
        {
            JuliaLine.Compute(start + i, width, height, destination.Slice(i * width, width));
        }
    }
}
