using System.Collections.Concurrent;
using GrainCompute.Grains;
using GrainCompute.Grains.Placement;
using GrainCompute.Server.Api;

namespace GrainCompute.Server.Hosting;

/// <summary>
/// The cluster as clients and dashboards see it: Orleans' membership view (address, status) joined with what each
/// silo says of itself (name, API address, worker slots, start time), asked once per silo and kept.
/// </summary>
public sealed class ClusterDirectory(IClusterMembershipService membership, IGrainFactory grains, LocalSiloStatus local, SiloOptions options, TimeProvider time)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<SiloAddress, SiloWorkerInfo> _known = new();

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
    public async Task<SiloWorkerInfo?> InfoAsync(ClusterMember member)
    {
        if (_known.TryGetValue(member.SiloAddress, out var known))
        {
            return known;
        }

        if (member.Status != SiloStatus.Active)
        {
            return null;
        }

        try
        {
            var info = await grains.GetGrain<ISiloWorkerGrain>(SiloKey.Of(member.SiloAddress)).GetInfo().WaitAsync(AskTimeout);
            _known[member.SiloAddress] = info;
            return info;
        }
        catch (Exception exception) when (exception is SiloUnavailableException or OrleansException or TimeoutException)
        {
            return null;
        }
    }
}
