using GrainCompute.Grains.Workers;
using GrainCompute.Kernels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GrainCompute.Grains;

/// <summary>Registers what the compute grains need on a silo.</summary>
public static class ComputeServices
{
    public static IServiceCollection AddComputeGrains(this IServiceCollection services, ComputeOptions? options = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(options ?? new ComputeOptions());
        services.TryAddSingleton(KernelCatalog.Default);
        services.TryAddSingleton<RunningChunks>();
        services.TryAddSingleton<BoundParameters>();
        services.TryAddSingleton<ChunkRunner>();
        return services;
    }
}
