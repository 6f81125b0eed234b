using GrainCompute.Server.Hosting;
using GrainCompute.Server.Security;

namespace GrainCompute.Server.Api;

/// <summary>
/// With any key set (Api:ApiKey, Api:Keys), every request but the health probes needs one (see <see cref="RouteAccess"/>):
/// none or an unknown one is a 401, a read key on a write route a 403. With Api:OpenReadOnly, read routes need none.
/// The matched key travels on as an <see cref="ApiCaller"/> feature.
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeys keys, ApiOptions options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!keys.Any || RouteAccess.Required(context.Request) is not { } required)
        {
            await next(context);
            return;
        }

        var caller = keys.Match(context.Request);
        if (caller is not null)
        {
            context.Features.Set(caller);
        }

        if (caller is null && !(options.OpenReadOnly && required == ApiKeyRole.Read))
        {
            // Browsers navigating to a page (the Orleans dashboard) cannot add X-Api-Key: a Basic challenge makes them
            // ask for it (any user name, the key as password). Scripts get no challenge, so no login box pops up.
            if (context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"GrainCompute\", charset=\"UTF-8\"";
            }

            await Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "API key required",
                detail: "Send one of the cluster's API keys in the X-Api-Key header (or Authorization: Bearer); for the Orleans dashboard, enter it on /dashboard/ first.").ExecuteAsync(context);
            return;
        }

        if (caller is not null && caller.Role < required)
        {
            await Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "API key is read-only",
                detail: $"The key '{caller.Name}' may read but not {context.Request.Method} {context.Request.Path}; use a key with Role=full.").ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
