namespace GrainCompute.Server.Dashboard;

/// <summary>
/// One per silo (key: <see cref="Grains.Placement.SiloKey.Of"/> the silo's address; it activates on that silo): how the
/// dashboard on any silo learns every other silo's figures.
/// </summary>
[Alias("gc.IDashboardSiloGrain")]
public interface IDashboardSiloGrain : IGrainWithStringKey
{
    /// <summary>This silo's figures, with its per-second samples newer than <paramref name="sinceUnixSeconds"/>.</summary>
    [Alias("GetStats")]
    Task<SiloStats> GetStats(long sinceUnixSeconds);
}
