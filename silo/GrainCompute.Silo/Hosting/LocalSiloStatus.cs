using GrainCompute.Grains.Workers;

namespace GrainCompute.Server.Hosting;

/// <summary>This silo's address and its status in the cluster's membership, for the readiness probe and the API.</summary>
public sealed class LocalSiloStatus(ILocalSiloDetails local, IClusterMembershipService membership, WorkerPool workers)
{
    public SiloAddress Address => local.SiloAddress;

    public SiloStatus Status => membership.CurrentSnapshot.GetSiloStatus(local.SiloAddress);

    /// <summary>Active in membership and not draining: it takes grains and chunks.</summary>
    public bool IsReady => Status == SiloStatus.Active && !workers.IsDraining;
}
