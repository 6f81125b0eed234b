using GrainCompute.Runtime;

namespace GrainCompute.Silo.Api;

/// <summary>GET /api/cluster: the silos this gateway knows, like `ipcluster list`.</summary>
public sealed record ClusterInfo(string ClusterId, string Gateway, IReadOnlyList<SiloInfo> Silos)
{
    public static ClusterInfo From(Runtime.Hosting.Silo silo) => new(
        silo.Options.ClusterId,
        silo.Address.ToString(),
        [.. silo.View.Silos.OrderBy(s => s.StartTime).Select(s => new SiloInfo(
            s.Name, s.Address.ToString(), s.Status.ToString().ToLowerInvariant(), s.GatewayUrl, s.WorkerSlots, s.StartTime, (silo.View.Version >= 0 ? DateTimeOffset.UtcNow - s.StartTime : TimeSpan.Zero).TotalSeconds))]);
}

public sealed record SiloInfo(string Name, string Address, string Status, string? GatewayUrl, int WorkerSlots, DateTimeOffset Started, double UptimeSeconds);
