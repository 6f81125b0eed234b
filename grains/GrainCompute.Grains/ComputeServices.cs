using GrainCompute.Grains.Jobs;
using GrainCompute.Grains.Mpi;
using GrainCompute.Grains.Placement;
using GrainCompute.Grains.Workers;
using GrainCompute.Kernels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Hosting;

namespace GrainCompute.Grains;

/// <summary>Registers what the compute grains need on a silo. Without a registered <see cref="IJobStore"/>, jobs live in memory.</summary>
public static class ComputeServices
{
    public static ISiloBuilder AddComputeGrains(this ISiloBuilder silo, ComputeOptions? options = null, LocalSilo? local = null)
    {
        var services = silo.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(options ?? new ComputeOptions());
        services.TryAddSingleton(local ?? LocalSilo.Default);
        services.TryAddSingleton<MpiSidecar>();
        services.TryAddSingleton(provider => MpiKernels.WithBuiltIns(provider.GetRequiredService<MpiSidecar>()));
        services.TryAddSingleton<IJobStore, InMemoryJobStore>();
        services.TryAddSingleton<RunningChunks>();
        services.TryAddSingleton<BoundParameters>();
        services.TryAddSingleton<ChunkRunner>();
        services.TryAddSingleton(provider => new WorkerPool(provider.GetRequiredService<ChunkRunner>(), provider.GetRequiredService<KernelCatalog>(), provider.GetRequiredService<LocalSilo>()));
        services.TryAddSingleton<ClusterWorkers>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, JobKeeper>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, WorkerDrain>();
        silo.AddPlacementDirector<SiloBoundPlacement, SiloBoundPlacementDirector>();
        return silo;
    }
}
