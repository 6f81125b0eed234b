using Orleans.Runtime;

namespace GrainCompute.Grains.Placement;

/// <summary>
/// Places a grain on the silo its key names (a <see cref="SiloAddress"/> in parsable form): one activation per
/// silo, reachable from anywhere. Orleans' <c>[StatelessWorker]</c> only ever activates on the caller's silo; this is
/// how a job grain reaches the workers of every silo (the alternative Orleans users ask for in dotnet/orleans#9383).
/// </summary>
[GenerateSerializer]
[Alias("gc.SiloBoundPlacement")]
public sealed class SiloBoundPlacement : PlacementStrategy
{
    internal static readonly SiloBoundPlacement Instance = new();
}
