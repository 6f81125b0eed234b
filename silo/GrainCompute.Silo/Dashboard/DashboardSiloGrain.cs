using GrainCompute.Grains.Placement;

namespace GrainCompute.Server.Dashboard;

/// <summary>
/// This silo's side of the dashboard: answers any silo's dashboard with this silo's figures. Reentrant: it only
/// reads the sampler's figures and Orleans' activation counts, so concurrent dashboards never queue behind each other.
/// </summary>
[SiloBound]
[Reentrant]
internal sealed class DashboardSiloGrain(SiloSampler sampler, ILocalSiloDetails local, ILogger<DashboardSiloGrain> logger) : Grain, IDashboardSiloGrain
{
    /// <summary>Shorter than the asking dashboard's own timeout, so a slow count costs the activations column, not the whole row.</summary>
    private static readonly TimeSpan CountTimeout = TimeSpan.FromSeconds(1);

    public async Task<SiloStats> GetStats(long sinceUnixSeconds)
    {
        var activations = await ActivationsAsync();
        return sampler.Stats(local.SiloAddress.ToString(), activations, sinceUnixSeconds);
    }

    /// <summary>Activations on this silo by grain class, as Orleans' management grain counts them here.</summary>
    private async Task<IReadOnlyDictionary<string, int>?> ActivationsAsync()
    {
        try
        {
            var counts = await GrainFactory.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics([local.SiloAddress]).WaitAsync(CountTimeout);
            return counts
                .Where(c => c.ActivationCount > 0)
                .GroupBy(c => GrainClassName(c.GrainType), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Sum(c => c.ActivationCount), StringComparer.Ordinal);
        }
        catch (Exception exception) when (exception is TimeoutException or OrleansException)
        {
            DashboardLog.ActivationCountsUnavailable(logger, exception.Message);
            return null;
        }
    }

    /// <summary>Orleans names a grain type by its class's assembly-qualified name; the page wants the class.</summary>
    private static string GrainClassName(string grainType)
    {
        var end = grainType.IndexOfAny([',', '[']);
        return end > 0 ? grainType[..end] : grainType;
    }
}
