namespace GrainCompute.Mpi.Examples.Examples;

/// <summary>The examples by name: the seeds' programs (002's hello/π/e, 000's Julia pool) plus primes and pingpong.</summary>
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
    ];

    public static IEnumerable<string> Names => All.Select(e => e.Name);

    public static IExample? Find(string name) => All.FirstOrDefault(e => e.Name == name);
}
