using GrainCompute.Grains;
using GrainCompute.Grains.Workers;

namespace GrainCompute.Server.Api;

/// <summary>
/// The kernels of the whole cluster, from what each active silo says it serves: silos may load different kernel
/// packs, or two versions of one during a rolling upgrade.
/// </summary>
public sealed class ClusterKernels(IClusterMembershipService membership, ClusterWorkers workers)
{
    /// <summary>Every kernel some active silo serves, by name; this silo's own entry first where it has one.</summary>
    public async Task<IReadOnlyList<KernelInfo>> ListAsync() =>
        [.. (await ServedAsync())
            .GroupBy(s => s.Offer.Name, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => KernelInfo.From(LocalEntry(g.Key) ?? g.First().Offer, [.. g.Select(s => s.Serving)]))];

    /// <summary>The names of the kernels some active silo serves, sorted: what a submit checks, without parsing any schema.</summary>
    public async Task<IReadOnlyList<string>> NamesAsync() =>
        [.. (await ServedAsync()).Select(s => s.Offer.Name).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)];

    private async Task<IEnumerable<(KernelOffer Offer, KernelServing Serving)>> ServedAsync()
    {
        var active = membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).OrderBy(m => m.SiloAddress.Generation).ToList();
        var infos = await Task.WhenAll(active.Select(member => workers.InfoAsync(member.SiloAddress)));
        return active.Zip(infos)
            .Where(pair => pair.Second is not null)
            .SelectMany(pair => pair.Second!.Kernels.Select(offer => (offer, new KernelServing(pair.Second.Name, pair.First.SiloAddress.ToString(), offer.Version))));
    }

    private KernelOffer? LocalEntry(string name) =>
        workers.LocalInfo.Kernels.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase));
}
