using GrainCompute.Runtime;

namespace GrainCompute.Silo.Dashboard;

/// <summary>One per silo (key: the silo address): how the dashboard on any silo learns every other silo's figures.</summary>
public interface IDashboardSiloGrain : IGrainWithStringKey
{
    /// <summary>This silo's figures, with its per-second samples newer than <paramref name="sinceUnixSeconds"/>; starts per-call profiling here for a few seconds.</summary>
    Task<SiloStats> GetStats(long sinceUnixSeconds);
}
