namespace GrainCompute.Runtime;

/// <summary>One silo's row in the membership table.</summary>
/// <param name="Address">Silo-to-silo address and generation.</param>
/// <param name="Name">Human-readable name (pod name, host name).</param>
/// <param name="Status">Where it is in its lifecycle.</param>
/// <param name="GatewayUrl">Its HTTP API base address, for clients, or null when it serves none.</param>
/// <param name="WorkerSlots">How many chunks it runs at once.</param>
/// <param name="StartTime">When this generation started.</param>
/// <param name="IAmAliveTime">Last time it said it was alive.</param>
/// <param name="SuspectedBy">Silos that failed to reach it lately (votes towards declaring it dead).</param>
public sealed record SiloEntry(
    SiloAddress Address,
    string Name,
    SiloStatus Status,
    string? GatewayUrl,
    int WorkerSlots,
    DateTimeOffset StartTime,
    DateTimeOffset IAmAliveTime,
    IReadOnlyList<string> SuspectedBy);
