namespace GrainCompute.Runtime;

/// <summary>One silo's current view of the cluster: every row it read, and the active silos in a stable order.</summary>
public sealed class ClusterView
{
    public ClusterView(long version, IReadOnlyList<SiloEntry> silos)
    {
        Version = version;
        Silos = silos;
        Active = [.. silos.Where(s => s.Status == SiloStatus.Active).Select(s => s.Address).OrderBy(a => a.ToString(), StringComparer.Ordinal)];
    }

    public static ClusterView Empty { get; } = new(-1, []);

    public long Version { get; }

    public IReadOnlyList<SiloEntry> Silos { get; }

    /// <summary>Active silos, sorted, so every silo that read the same version computes the same placement.</summary>
    public IReadOnlyList<SiloAddress> Active { get; }

    public SiloEntry? Find(SiloAddress address) => Silos.FirstOrDefault(s => s.Address == address);
}
