using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace GrainCompute.Grains.Placement;

/// <summary>
/// Places a <see cref="SiloBoundAttribute"/> grain on the silo named by its key. A key naming a silo that is not
/// (or no longer) active fails the call with <see cref="SiloUnavailableException"/>, which callers treat as a lost
/// silo: a job grain runs the chunk elsewhere.
/// </summary>
internal sealed class SiloBoundPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var key = target.GrainIdentity.Key.ToString();
        var silo = SiloKey.Parse(key);
        if (silo is null || !context.GetCompatibleSilos(target).Contains(silo))
        {
            throw new SiloUnavailableException($"silo {key} is not an active silo of this cluster");
        }

        return Task.FromResult(silo);
    }
}
