namespace GrainCompute.Server.Dashboard;

/// <summary>What one silo says about itself when the dashboard asks (through <see cref="IDashboardSiloGrain"/>).</summary>
/// <param name="Address">The silo's address (<see cref="SiloAddress.ToString"/>).</param>
/// <param name="Activations">Activations on the silo by grain class (full name); null when Orleans did not say.</param>
/// <param name="Samples">Per-second samples newer than the time the caller asked from.</param>
[GenerateSerializer]
[Immutable]
[Alias("gc.SiloStats")]
public sealed record SiloStats(
    string Address,
    SiloSample Latest,
    IReadOnlyDictionary<string, int>? Activations,
    IReadOnlyList<SiloSample> Samples);
