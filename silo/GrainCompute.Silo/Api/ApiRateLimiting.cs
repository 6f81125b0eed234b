using System.Globalization;
using System.Threading.RateLimiting;
using GrainCompute.Server.Hosting;

namespace GrainCompute.Server.Api;

/// <summary>
/// Api:RateLimit with ASP.NET Core's rate limiter: a fixed window per partition, where a partition is a configured
/// key (by its name, so rotating a key does not reset or share its budget) or, for requests without a valid key, the
/// client address. Unknown keys fall to their address, so a flood of made-up keys cannot open new partitions. Health
/// probes are not limited: a limited silo must not look dead to Kubernetes. Behind a proxy every client shares the
/// proxy's address unless forwarded headers are configured (the operator's job, docs/security.md).
/// </summary>
internal static class ApiRateLimiting
{
    public static IServiceCollection AddApiRateLimiting(this IServiceCollection services, ApiRateLimitOptions options) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
                {
                    return RateLimitPartition.GetNoLimiter("health");
                }

                var keys = context.RequestServices.GetRequiredService<ApiKeys>();
                var partition = keys.Match(context.Request) is { } caller
                    ? "key:" + caller.Name
                    : "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
                return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.PermitLimit,
                    Window = options.Window,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.OnRejected = (rejected, _) => RejectAsync(rejected.HttpContext, rejected.Lease, options);
        });

    private static async ValueTask RejectAsync(HttpContext context, RateLimitLease lease, ApiRateLimitOptions options)
    {
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : options.Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Results.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests",
            detail: $"This client made more than {options.PermitLimit} requests in {options.Window.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (Api:RateLimit); retry after {seconds} s.").ExecuteAsync(context);
    }
}
