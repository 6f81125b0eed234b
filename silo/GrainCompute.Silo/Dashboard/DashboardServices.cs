using GrainCompute.Server.Dashboard.Diagnostics;
using GrainCompute.Server.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GrainCompute.Server.Dashboard;

/// <summary>Registers the dashboard on the silo: its options ("Dashboard" section), the chunk run filter, the sampler, the views and the Orleans dashboard.</summary>
public static class DashboardServices
{
    public static ISiloBuilder AddDashboard(this ISiloBuilder silo, IConfiguration configuration)
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

        var services = silo.Services;
        services.AddSingleton(options);
        if (!options.Enabled)
        {
            // No filter at all: a silo without a dashboard pays nothing per call.
            return silo;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ChunkRunFilter>();

        // The same instance as the counters the sampler reads (AddIncomingGrainCallFilter<T> would make another).
        services.AddSingleton<IIncomingGrainCallFilter>(provider => provider.GetRequiredService<ChunkRunFilter>());
        services.AddSingleton<SiloSampler>();
        services.AddHostedService(provider => provider.GetRequiredService<SiloSampler>());
        services.AddSingleton<MembershipDetails>();
        services.AddSingleton<DashboardCollector>();
        services.AddSingleton<JobsView>();
        services.AddSingleton<DashboardAssets>();
        if (options.Orleans)
        {
            OrleansDashboard.Add(silo);
        }

        return silo;
    }
}
