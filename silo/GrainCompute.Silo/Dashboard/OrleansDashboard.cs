using OrleansDashboardHosting = Orleans.Dashboard.ServiceCollectionExtensions;

namespace GrainCompute.Server.Dashboard;

/// <summary>
/// The Orleans dashboard (Microsoft.Orleans.Dashboard) beside ours, at <c>{Dashboard:Path}/orleans/</c> on every silo:
/// grains, activations, silos, per-method call rates and latencies, reminders. Ours keeps what only GrainCompute knows
/// (jobs, chunks, the task stream, worker slots); each links to the other.
/// </summary>
/// <remarks>
/// Its endpoints are ordinary routes on the API port, so the API key middleware covers them like /api. A browser
/// cannot add the X-Api-Key header to the Orleans page's own requests: our page, once given the key, leaves it in
/// a session cookie scoped to this path, which the middleware accepts for GET requests (see ApiKeyMiddleware).
/// </remarks>
internal static class OrleansDashboard
{
    /// <summary>Below the dashboard's path: /dashboard → /dashboard/orleans.</summary>
    public const string Segment = "/orleans";

    public static void Add(ISiloBuilder silo) => OrleansDashboardHosting.AddDashboard(silo);

    public static void Map(WebApplication app, DashboardOptions options) =>
        OrleansDashboardHosting.MapOrleansDashboard(app, options.Path + Segment).ExcludeFromDescription();
}
