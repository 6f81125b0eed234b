namespace GrainCompute.Mpi.Examples.Examples;

/// <summary>
/// The examples by name: the seeds' programs (002's hello/π/e, 000's Julia pool) plus primes and pingpong, then the
/// patterns mpi4py users expect: non-blocking overlap, object messages, the other collectives, an executor-style map.
/// </summary>
internal static class ExampleCatalog
{
    public static IReadOnlyList<IExample> All { get; } =
    [
        new HelloExample(),
        new PiExample(),
        new EulerExample(),
        new JuliaExample(),
        new PrimesExample(),
        new PingPongExample(),
        new OverlapExample(),
        new ObjectsExample(),
        new CollectivesExample(),
        new PoolExample(),
    ];

    public static IEnumerable<string> Names => All.Select(e => e.Name);

    public static IExample? Find(string name) => All.FirstOrDefault(e => e.Name == name);
}
