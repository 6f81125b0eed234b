namespace GrainCompute.Server.Api;

/// <summary>GET /api/cluster: the silos this gateway knows, like `ipcluster list`.</summary>
public sealed record ClusterInfo(string ClusterId, string Gateway, IReadOnlyList<SiloInfo> Silos);

/// <param name="GatewayUrl">The silo's HTTP API address (null until it answered).</param>
public sealed record SiloInfo(string Name, string Address, string Status, string? GatewayUrl, int WorkerSlots, DateTimeOffset Started, double UptimeSeconds);
