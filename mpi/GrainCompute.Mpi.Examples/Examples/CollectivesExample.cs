using GrainCompute.Mpi.Examples.Cli;
using MPI;

namespace GrainCompute.Mpi.Examples.Examples;

/// <summary>
/// The collectives the other examples do not use, each with an answer that follows from the ranks alone:
/// <c>Scan</c> (inclusive prefix sum of r + 1: (r+1)(r+2)/2), <c>ExclusiveScan</c> (r(r+1)/2), <c>Allgather</c>
/// (every rank's r², on every rank) and <c>Alltoall</c> (rank r sends 100·r + j to rank j, so it receives
/// 100·j + r from rank j), and an <c>Allreduce</c> of 2⁴⁰ + r, which is exact only if MPI.NET's <c>long</c> is 64-bit
/// in MPICH too (it maps to <c>MPI_LONG_LONG_INT</c>, not MS-MPI's 32-bit <c>MPI_LONG</c>). Rank 0 gathers what each rank got and reports it; the tests check the formulas.
/// </summary>
internal sealed class CollectivesExample : IExample
{
    public string Name => "collectives";

    public string Description => "Scan, ExclusiveScan, Allgather and Alltoall with answers that follow from the ranks";

    public IReadOnlyList<ExampleParameter> Parameters { get; } = [];

    public ExampleOutcome? Run(ExampleContext context)
    {
        var world = context.World;
        var rank = world.Rank;
        var scan = world.Scan((long)rank + 1, Operation<long>.Add);

        // MPI leaves rank 0's exclusive-scan result undefined; MPI.NET passes it through, so it is not reported.
        var exclusive = world.ExclusiveScan((long)rank + 1, Operation<long>.Add);
        var squares = world.Allgather(rank * rank);
        var received = world.Alltoall(Enumerable.Range(0, world.Size).Select(j => (100 * rank) + j).ToArray());
        var int64Sum = world.Allreduce((1L << 40) + rank, Operation<long>.Add);

        var scans = world.Gather(scan, 0);
        var exclusives = world.Gather(rank == 0 ? 0 : exclusive, 0);
        var allgathers = world.Gather(squares, 0);
        var alltoalls = world.Gather(received, 0);
        if (!context.IsRoot)
        {
            return null;
        }

        var everyRankAgrees = allgathers.All(a => a.SequenceEqual(allgathers[0]));
        return new ExampleOutcome(
            $"Scan {string.Join(",", scans)}; ExclusiveScan {string.Join(",", exclusives)}; Allgather {string.Join(",", allgathers[0])} on every rank: {everyRankAgrees}",
            scans[^1],
            new Dictionary<string, object?>
            {
                ["scan"] = scans, ["exclusiveScan"] = exclusives, ["allgather"] = allgathers, ["alltoall"] = alltoalls, ["int64Sum"] = int64Sum,
            });
    }
}
