using GrainCompute.Grains.Workers;
using Orleans.Metadata;
using Orleans.Placement;
using Orleans.Runtime.Placement;

namespace GrainCompute.Grains.Placement;

/// <summary>
/// Where a new job grain may activate: on a silo that serves the job's kernel, when the call that activates it says
/// which kernel (<see cref="Prefer"/>). A job grain binds, plans and reduces with its own silo's kernel, so in a
/// cluster whose silos load different kernel packs it must live where its kernel does.
/// </summary>
public static class KernelServedPlacement
{
    internal const string KernelKey = "gc.kernel";

    /// <summary>Grain calls that follow in this async flow place a new job grain on a silo serving <paramref name="kernel"/>.</summary>
    public static void Prefer(string kernel) => RequestContext.Set(KernelKey, kernel);
}

[GenerateSerializer]
[Alias("gc.KernelServedFilterStrategy")]
internal sealed class KernelServedFilterStrategy() : PlacementFilterStrategy(order: 0);

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
internal sealed class KernelServedAttribute() : PlacementFilterAttribute(new KernelServedFilterStrategy());

/// <summary>
/// Keeps the silos known to serve the kernel named in the request context; all of them when none is named or none
/// is known to (the job grain then refuses the job, naming the kernel).
/// </summary>
internal sealed class KernelServedFilterDirector(ClusterWorkers workers) : IPlacementFilterDirector
{
    public IEnumerable<SiloAddress> Filter(PlacementFilterStrategy filterStrategy, PlacementTarget target, IEnumerable<SiloAddress> silos)
    {
        if (target.RequestContextData?.GetValueOrDefault(KernelServedPlacement.KernelKey) is not string kernel)
        {
            return silos;
        }

        var candidates = silos.ToList();
        var serving = candidates.Where(silo => workers.TryGetInfo(silo, out var info) && info.Serves(kernel, version: null)).ToList();
        return serving.Count > 0 ? serving : candidates;
    }
}
