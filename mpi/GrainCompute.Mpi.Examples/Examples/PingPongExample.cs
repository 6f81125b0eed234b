using System.Globalization;
using GrainCompute.Mpi.Examples.Cli;
using MPI;

namespace GrainCompute.Mpi.Examples.Examples;

/// <summary>
/// Latency and bandwidth between ranks 0 and 1: for each message size, rank 0 sends and rank 1 echoes it
/// back; half the mean round trip is the one-way time. Ranks beyond 1 just wait at the barrier.
/// </summary>
internal sealed class PingPongExample : IExample
{
    private const int _tag = 7;

    public string Name => "pingpong";

    public string Description => "latency and bandwidth between ranks 0 and 1 (needs ≥ 2 ranks)";

    public IReadOnlyList<ExampleParameter> Parameters { get; } =
    [
        ExampleParameter.Integer("iterations", "round trips per size (fewer for large sizes)", 1000, 1, 1_000_000),
        ExampleParameter.Integer("max-bytes", "largest message, bytes; sizes go 1, 8, 64, … up to it", 1 << 20, 1, 1 << 28),
    ];

    public ExampleOutcome? Run(ExampleContext context)
    {
        var world = context.World;
        if (world.Size < 2)
        {
            throw new InvalidOperationException("pingpong needs at least 2 ranks (mpiexec -n 2)");
        }

        var iterations = context.Arguments.GetInt32("iterations");
        var maxBytes = context.Arguments.GetInt32("max-bytes");
        var rows = new List<PingPongRow>();
        foreach (var size in Sizes(maxBytes))
        {
            // Large messages are bandwidth-bound: keep roughly the same bytes moved per size, at least 10 trips.
            var trips = (int)Math.Max(10, Math.Min(iterations, (long)iterations * 4096 / size));
            // MPI.NET sends whole arrays: one per size, reused by every trip.
            var message = new byte[size];
            Exchange(world, message, 2);
            world.Barrier();
            var start = MpiEnvironment.Wtime();
            Exchange(world, message, trips);
            var oneWay = (MpiEnvironment.Wtime() - start) / trips / 2;
            rows.Add(new PingPongRow(size, trips, oneWay * 1e6, size / oneWay / 1e6));
        }

        world.Barrier();
        if (!context.IsRoot)
        {
            return null;
        }

        foreach (var row in rows)
        {
            ExampleContext.Say(string.Create(CultureInfo.InvariantCulture,
                $"{row.Bytes,10} bytes: {row.LatencyMicroseconds,10:F2} µs one-way, {row.BandwidthMegabytesPerSecond,10:F1} MB/s ({row.RoundTrips} round trips)"));
        }

        var latency = rows[0].LatencyMicroseconds;
        var bandwidth = rows[^1].BandwidthMegabytesPerSecond;
        return new ExampleOutcome(
            string.Create(CultureInfo.InvariantCulture, $"latency {latency:F2} µs ({rows[0].Bytes} B), bandwidth {bandwidth:F1} MB/s ({rows[^1].Bytes} B)"),
            new Dictionary<string, double> { ["latencyMicroseconds"] = latency, ["bandwidthMegabytesPerSecond"] = bandwidth },
            new Dictionary<string, object?> { ["sizes"] = rows });
    }

    private static void Exchange(Intracommunicator world, byte[] message, int trips)
    {
        for (var i = 0; i < trips; i++)
        {
            if (world.Rank == 0)
            {
                world.Send(message, 1, _tag);
                world.Receive(1, _tag, ref message);
            }
            else if (world.Rank == 1)
            {
                world.Receive(0, _tag, ref message);
                world.Send(message, 0, _tag);
            }
        }
    }

    private static IEnumerable<int> Sizes(int maxBytes)
    {
        for (long size = 1; size < maxBytes; size *= 8)
        {
            yield return (int)size;
        }

        yield return maxBytes;
    }

    private sealed record PingPongRow(int Bytes, int RoundTrips, double LatencyMicroseconds, double BandwidthMegabytesPerSecond);
}
