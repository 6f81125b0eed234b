using GrainCompute.Server.Security;

namespace GrainCompute.Server.Api;

/// <summary>
/// Which role a request needs, decided by method and path so that routes added later (the Orleans dashboard under
/// /dashboard, Prometheus' /metrics) are guarded without naming them: deny by default, every route but /health
/// needs a key; reads (GET, HEAD, and the POSTs that only wait or stream) need a read key; the rest a full key.
/// </summary>
internal static class RouteAccess
{
    /// <summary>null when the route is open to all (health probes carry no key).</summary>
    public static ApiKeyRole? Required(HttpRequest request)
    {
        if (request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsPost(request.Method) && IsReadingPost(request.Path)
            ? ApiKeyRole.Read
            : ApiKeyRole.Full;
    }

    /// <summary>POST /api/jobs/wait, /api/jobs/completions and /api/jobs/{id}/wait take a body but change nothing.</summary>
    private static bool IsReadingPost(PathString path)
    {
        if (!path.StartsWithSegments("/api/jobs", StringComparison.OrdinalIgnoreCase, out var rest))
        {
            return false;
        }

        var segments = rest.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments switch
        {
            ["wait" or "completions"] => true,
            [_, "wait"] => true,
            _ => false,
        };
    }
}
