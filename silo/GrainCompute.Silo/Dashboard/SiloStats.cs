namespace GrainCompute.Server.Dashboard;

/// <summary>What one silo says about itself when the dashboard asks (through <see cref="IDashboardSiloGrain"/>).</summary>
/// <param name="Address">The silo's address (<see cref="SiloAddress.ToString"/>).</param>
/// <param name="Activations">Activations on the silo by grain class (full name); null when Orleans did not say.</param>
/// <param name="WindowSeconds">The span <paramref name="Grains"/> covers (the last ~10 s).</param>
/// <param name="Grains">Per grain class and method, what calls did in the window.</param>
/// <param name="Samples">Per-second samples newer than the time the caller asked from.</param>
/// <param name="Profiling">Whether every grain's calls are measured now (only while a dashboard watches).</param>
[GenerateSerializer]
[Immutable]
[Alias("gc.SiloStats")]
public sealed record SiloStats(
    string Address,
    SiloSample Latest,
    IReadOnlyDictionary<string, int>? Activations,
    double WindowSeconds,
    IReadOnlyList<GrainMethodWindow> Grains,
    IReadOnlyList<SiloSample> Samples,
    bool Profiling);
