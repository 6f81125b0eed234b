using GrainCompute.Server.Hosting;

namespace GrainCompute.Server.Api;

/// <summary>
/// With Api:ApiKey set, /api requests need the key (X-Api-Key header or Authorization: Bearer); with
/// Api:OpenReadOnly, GET requests do not. Health endpoints are always open (probes carry no key).
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, ApiOptions options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (options.ApiKey is { Length: > 0 } key && NeedsKey(context.Request) && !Carries(context.Request, key))
        {
            await Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "API key required",
                detail: "Send the cluster's API key in the X-Api-Key header (or Authorization: Bearer).").ExecuteAsync(context);
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
        if (given.Length == 0 && request.Headers.Authorization.ToString() is { } auth && auth.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            given = auth["Bearer ".Length..];
        }

        return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(given), System.Text.Encoding.UTF8.GetBytes(key));
    }
}
