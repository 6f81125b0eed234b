using GrainCompute.Server.Api;
using GrainCompute.Server.Hosting;

namespace GrainCompute.Server.Dashboard;

/// <summary>
/// The dashboard on the API port: the page and its files at {Path}/ (served before the API key check: they hold
/// no cluster data), the JSON and SSE endpoints behind it at {Path}/api/ (behind the API key like /api, and in
/// the OpenAPI document under the "Dashboard" tag). The page uses relative URLs only, so it works behind a
/// reverse proxy that adds a path prefix.
/// </summary>
public static class DashboardEndpoints
{
    /// <summary>Serves the page and its files; call before the API key middleware.</summary>
    public static WebApplication UseDashboard(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<DashboardOptions>();
        if (!options.Enabled)
        {
            return app;
        }

        var assets = app.Services.GetRequiredService<DashboardAssets>();
        var folder = options.Path[(options.Path.LastIndexOf('/') + 1)..] + "/";
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && request.Path.StartsWithSegments(options.Path, StringComparison.OrdinalIgnoreCase, out var rest))
            {
                if (!rest.HasValue)
                {
                    // Relative, so a proxy's prefix survives: /prefix/dashboard → /prefix/dashboard/.
                    context.Response.Redirect(folder + request.QueryString);
                    return;
                }

                if (assets.TryGet(rest == "/" ? "index.html" : rest.Value![1..], out var asset))
                {
                    await asset.WriteAsync(context);
                    return;
                }
            }

            await next(context);
        });
        return app;
    }

    /// <summary>Maps the JSON and SSE endpoints under {Path}/api.</summary>
    public static WebApplication MapDashboard(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<DashboardOptions>();
        if (!options.Enabled)
        {
            return app;
        }

        DashboardLog.Serving(app.Logger, options.Path, options.ReadOnly ? "read-only" : "cancel allowed");
        var api = app.MapGroup(options.Path + "/api").WithTags("Dashboard");
        // A read-only key sees a read-only dashboard: the page hides cancel rather than offer one that answers 403.
        api.MapGet("/settings", (HttpContext context, LocalSiloStatus local, SiloOptions silo, ApiOptions apiOptions) => Results.Ok(new DashboardSettings(
            silo.ClusterId, local.Address.ToString(), options.ReadOnly || context.Features.Get<ApiCaller>() is { Role: Security.ApiKeyRole.Read }, apiOptions.RequiresKeys, options.History.TotalSeconds, options.Orleans)))
            .Produces<DashboardSettings>();
        api.MapGet("/cluster", async (DashboardCollector collector, CancellationToken cancellationToken) => Results.Ok((await collector.CollectAsync(cancellationToken)).Cluster))
            .Produces<ClusterSnapshot>();
        api.MapGet("/history", async (DashboardCollector collector, CancellationToken cancellationToken) => Results.Ok((await collector.CollectAsync(cancellationToken)).History))
            .Produces<IReadOnlyList<ClusterSample>>();
        api.MapGet("/jobs", ListJobsAsync).Produces<IReadOnlyList<JobRow>>().ProducesValidationProblem();
        api.MapGet("/jobs/{id}", (string id, JobsView jobs) => ComputeApi.Call(() => jobs.DetailAsync(id)))
            .Produces<JobDetail>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/jobs/{id}/cancel", (string id, JobsView jobs) => options.ReadOnly
                ? Task.FromResult(Results.Problem(
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "Dashboard is read-only",
                    detail: "Set Dashboard:ReadOnly=false (GRAINCOMPUTE__DASHBOARD__READONLY=false) to cancel from the dashboard, or POST /api/jobs/{id}/cancel."))
                : ComputeApi.Call(() => jobs.CancelAsync(id)))
            .Produces<JobRow>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/events", DashboardEvents.StreamAsync).Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        if (options.Orleans)
        {
            OrleansDashboard.Map(app, options);
        }

        return app;
    }

    private static async Task<IResult> ListJobsAsync(JobsView jobs, int? limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 1000)
        {
            return ApiErrors.Invalid("limit", "limit must be 1..1000");
        }

        return Results.Ok(await jobs.ListAsync(limit, cancellationToken));
    }
}
