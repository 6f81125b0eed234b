using GrainCompute.Server.Hosting;

namespace GrainCompute.Server.Api;

/// <summary>The API's doors in one place: rate limits first (so floods of bad keys are limited too), then the key check.</summary>
internal static class ApiAccess
{
    public static IServiceCollection AddApiAccess(this IServiceCollection services, ApiOptions options)
    {
        services.AddSingleton<ApiKeys>();
        if (options.RateLimit.Enabled)
        {
            services.AddApiRateLimiting(options.RateLimit);
        }

        return services;
    }

    /// <summary>Call before mapping anything a key must guard: what is added after it (dashboards, /metrics) is covered by path.</summary>
    public static WebApplication UseApiAccess(this WebApplication app)
    {
        if (app.Services.GetRequiredService<ApiOptions>().RateLimit.Enabled)
        {
            app.UseRateLimiter();
        }

        app.UseMiddleware<ApiKeyMiddleware>();
        return app;
    }
}
