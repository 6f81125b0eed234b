using GrainCompute.Grains;
using GrainCompute.Grains.Workers;
using GrainCompute.Server.Api;

namespace GrainCompute.Server.Hosting;

/// <summary>
/// The cluster as clients and dashboards see it: Orleans' membership view (address, status) joined with what each
/// silo says of itself (name, API address, worker slots, start time), which <see cref="ClusterWorkers"/> asks once per
/// silo and keeps.
/// </summary>
public sealed class ClusterDirectory(IClusterMembershipService membership, ClusterWorkers workers, LocalSiloStatus local, SiloOptions options, TimeProvider time)
{
    public async Task<ClusterInfo> ReadAsync()
    {
        var members = membership.CurrentSnapshot.Members.Values.OrderBy(m => m.SiloAddress.Generation).ToList();
        var infos = await Task.WhenAll(members.Select(InfoAsync));
        var now = time.GetUtcNow();
        return new ClusterInfo(options.ClusterId, local.Address.ToString(), [.. members.Select((member, i) => new SiloInfo(
            infos[i]?.Name ?? member.Name,
            member.SiloAddress.ToString(),
            member.Status.ToString().ToLowerInvariant(),
            infos[i]?.ApiUrl,
            infos[i]?.WorkerSlots ?? 0,
            infos[i]?.Started ?? default,
            infos[i] is { } info && member.Status == SiloStatus.Active ? (now - info.Started).TotalSeconds : 0))]);
    }

    /// <summary>What the silo says of itself; null for a silo that is not active and never answered.</summary>
    public Task<SiloWorkerInfo?> InfoAsync(ClusterMember member) =>
        member.Status == SiloStatus.Active || workers.TryGetInfo(member.SiloAddress, out _)
            ? workers.InfoAsync(member.SiloAddress)
            : Task.FromResult<SiloWorkerInfo?>(null);
}
