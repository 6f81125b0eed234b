namespace GrainCompute.Client;

/// <summary>The silos a gateway knows (GET /api/cluster).</summary>
public sealed record ClusterInfo(string ClusterId, string Gateway, IReadOnlyList<SiloInfo> Silos);

public sealed record SiloInfo(string Name, string Address, string Status, string? GatewayUrl, int WorkerSlots, DateTimeOffset Started, double UptimeSeconds);
