using GrainCompute.Grains;
using GrainCompute.Runtime;
using GrainCompute.Runtime.Diagnostics;
using GrainCompute.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GrainCompute.Silo.Dashboard;

/// <summary>Registers the dashboard: its options ("Dashboard" section), the grain call statistics filter, the sampler and the views.</summary>
public static class DashboardServices
{
    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new DashboardOptions();
        try
        {
            configuration.GetSection("Dashboard").Bind(options);
        }
        catch (InvalidOperationException exception)
        {
            throw new SiloConfigurationException([$"Dashboard: {exception.Message}"]);
        }

        var problems = options.Validate().ToList();
        if (problems.Count > 0)
        {
            throw new SiloConfigurationException(problems);
        }

        services.AddSingleton(options);
        if (!options.Enabled)
        {
            // No filter at all: a silo without a dashboard pays nothing per call.
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider =>
        {
            var statistics = new GrainCallStatistics(provider.GetRequiredService<TimeProvider>());
            statistics.AlwaysMeasure(typeof(IChunkWorkerGrain));
            statistics.AlwaysMeasure(typeof(IIoChunkWorkerGrain));
            return statistics;
        });
        services.AddSingleton<IGrainCallFilter>(provider => provider.GetRequiredService<GrainCallStatistics>());
        services.AddSingleton<SiloSampler>();
        services.AddHostedService(provider => provider.GetRequiredService<SiloSampler>());
        services.AddSingleton<DashboardCollector>();
        services.AddSingleton<JobsView>();
        services.AddSingleton<DashboardAssets>();
        return services;
    }
}
