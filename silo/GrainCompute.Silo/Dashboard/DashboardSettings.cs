namespace GrainCompute.Server.Dashboard;

/// <summary>GET {dashboard}/api/settings: what the page may offer.</summary>
/// <param name="ApiKeyRequired">The cluster has an API key: cancels (and, unless reads are open, every request) must carry it.</param>
/// <param name="OrleansDashboard">The Orleans dashboard is served at orleans/ beside this page (Dashboard:Orleans).</param>
public sealed record DashboardSettings(string ClusterId, string Silo, bool ReadOnly, bool ApiKeyRequired, double HistorySeconds, bool OrleansDashboard);

/// <summary>One Server-Sent Event of {dashboard}/api/events (event type "update"), sent every second.</summary>
/// <param name="History">Chart points newer than the ones sent before on this stream (all of them in the first event).</param>
/// <param name="Job">The job named by ?job=, when one was.</param>
public sealed record DashboardUpdate(ClusterSnapshot Cluster, IReadOnlyList<JobRow> Jobs, IReadOnlyList<ClusterSample> History, JobDetail? Job);
