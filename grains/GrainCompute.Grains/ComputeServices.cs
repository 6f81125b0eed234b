using GrainCompute.Grains.Jobs;
using GrainCompute.Grains.Mpi;
using GrainCompute.Grains.Workers;
using GrainCompute.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GrainCompute.Grains;

/// <summary>Registers what the compute grains need on a silo. Without a registered <see cref="IJobStore"/>, jobs live in memory.</summary>
public static class ComputeServices
{
    public static IServiceCollection AddComputeGrains(this IServiceCollection services, ComputeOptions? options = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(options ?? new ComputeOptions());
        services.TryAddSingleton<MpiSidecar>();
        services.TryAddSingleton(provider => MpiKernels.WithBuiltIns(provider.GetRequiredService<MpiSidecar>()));
        services.TryAddSingleton<IJobStore, InMemoryJobStore>();
        services.TryAddSingleton<RunningChunks>();
        services.TryAddSingleton<BoundParameters>();
        services.TryAddSingleton<ChunkRunner>();
        services.AddSingleton<ISiloLifecycleParticipant, JobKeeper>();
        return services;
    }
}
