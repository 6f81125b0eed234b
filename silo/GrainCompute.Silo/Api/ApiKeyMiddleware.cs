using GrainCompute.Server.Hosting;

namespace GrainCompute.Server.Api;

/// <summary>
/// With Api:ApiKey set, /api requests need the key (X-Api-Key header or Authorization: Bearer); with
/// Api:OpenReadOnly, GET requests do not. Health endpoints are always open (probes carry no key). Everything else
/// on the port needs it too: the dashboards' data, the Orleans dashboard, the Prometheus scrape endpoint.
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, ApiOptions options)
{
    /// <summary>
    /// The key as a cookie, for pages whose requests cannot carry a header (the Orleans dashboard): set by our dashboard
    /// once given the key, scoped to the Orleans dashboard's path. Taken for GET only, so a cookie never authorizes a change.
    /// </summary>
    public const string KeyCookie = "graincompute-api-key";

    public async Task InvokeAsync(HttpContext context)
    {
        if (options.ApiKey is { Length: > 0 } key && NeedsKey(context.Request) && !Carries(context.Request, key))
        {
            await Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "API key required",
                detail: "Send the cluster's API key in the X-Api-Key header (or Authorization: Bearer); for the Orleans dashboard, enter it on /dashboard/ first.").ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    private bool NeedsKey(HttpRequest request) =>
        !request.Path.StartsWithSegments("/health") &&
        !(options.OpenReadOnly && HttpMethods.IsGet(request.Method));

    private static bool Carries(HttpRequest request, string key)
    {
        var given = request.Headers["X-Api-Key"].ToString();
        if (given.Length == 0 && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && request.Cookies[KeyCookie] is { Length: > 0 } cookie)
        {
            given = cookie;
        }

        if (given.Length == 0 && request.Headers.Authorization.ToString() is { } auth && auth.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            given = auth["Bearer ".Length..];
        }

        return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(given), System.Text.Encoding.UTF8.GetBytes(key));
    }
}
