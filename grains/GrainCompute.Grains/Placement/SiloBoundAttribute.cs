using Orleans.Placement;

namespace GrainCompute.Grains.Placement;

/// <summary>Marks a grain class keyed by a silo address as living on that silo (<see cref="SiloBoundPlacement"/>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SiloBoundAttribute() : PlacementAttribute(SiloBoundPlacement.Instance);
