using System.Text.Json.Nodes;

namespace GrainCompute.Console.Commands;

/// <summary>The seed notebook's workloads (Module 15: Parallel Computing), with the seed's sizes.</summary>
/// <remarks>Parameters as JSON nodes, not anonymous objects: the HTTP-only build (Native AOT) writes no type by reflection.</remarks>
internal static class DemoWorkloads
{
    public sealed record Workload(string Title, string Kernel, JsonObject Parameters);

    public static readonly IReadOnlyList<Workload> All =
    [
        new("number squaring (10^6)", "square", new() { ["n"] = 1_000_000 }),
        new("checking primeness (489133282872437279)", "isprime", new() { ["n"] = 489133282872437279 }),
        new("sum of primes ≤ 100k, 200k, 300k", "sumprimes", new() { ["numbers"] = new JsonArray(100_000, 200_000, 300_000) }),
        new("count primes ≤ 10^6", "countprimes", new() { ["n"] = 1_000_000 }),
        new("Julia set 1280×960", "julia", new() { ["width"] = 1280, ["height"] = 960 }),
        new("Collatz steps 1..10^6", "collatz", new() { ["n"] = 1_000_000 }),
        new("Monte Carlo π (10^7 points)", "montecarlo-pi", new() { ["samples"] = 10_000_000 }),
        new("Monte Carlo e (10^7 trials)", "euler-e", new() { ["samples"] = 10_000_000 }),
        new("slow add ×10, 1 s each", "slowadd", new() { ["a"] = 1, ["b"] = 2, ["delay"] = 1.0, ["count"] = 10 }),
    ];
}
