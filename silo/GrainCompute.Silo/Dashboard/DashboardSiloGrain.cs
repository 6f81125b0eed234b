using GrainCompute.Runtime;
using GrainCompute.Runtime.Diagnostics;

namespace GrainCompute.Silo.Dashboard;

[SiloBound]
[Reentrant]
internal sealed class DashboardSiloGrain(SiloSampler sampler, GrainCallStatistics statistics, Runtime.Hosting.Silo silo) : Grain, IDashboardSiloGrain
{
    /// <summary>A watching dashboard asks every second; profiling outlives a few missed asks, not a closed page.</summary>
    private static readonly TimeSpan ProfileFor = TimeSpan.FromSeconds(5);

    public Task<SiloStats> GetStats(long sinceUnixSeconds)
    {
        statistics.Observe(ProfileFor);
        return Task.FromResult(sampler.Stats(silo.Address.ToString(), SiloDiagnostics.ActivationCounts(silo), sinceUnixSeconds, statistics.IsObserved));
    }
}
