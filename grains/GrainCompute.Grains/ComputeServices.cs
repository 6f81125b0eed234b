using GrainCompute.Grains.Jobs;
using GrainCompute.Grains.Mpi;
using GrainCompute.Grains.Placement;
using GrainCompute.Grains.Telemetry;
using GrainCompute.Grains.Workers;
using GrainCompute.Kernels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Hosting;
using Orleans.Placement;

namespace GrainCompute.Grains;

/// <summary>Registers what the compute grains need on a silo. Without a registered <see cref="IJobStore"/>, jobs live in memory.</summary>
public static class ComputeServices
{
    /// <summary>Adds the job and worker grains; loads <see cref="ComputeOptions.KernelPacks"/> (throws <see cref="KernelPackException"/>).</summary>
    public static ISiloBuilder AddComputeGrains(this ISiloBuilder silo, ComputeOptions? options = null, LocalSilo? local = null)
    {
        options ??= new ComputeOptions();
        var services = silo.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(options);
        services.TryAddSingleton(local ?? LocalSilo.Default);
        services.TryAddSingleton<MpiSidecar>();
        foreach (var pack in KernelPackLoader.Load(options.KernelPacks, [.. KernelCatalog.Default.Names, .. MpiKernels.Names]))
        {
            services.AddSingleton(pack.Kernel);
        }

        // Built-ins, the MPI kernels and every kernel added in code (AddKernel) or by a pack.
        services.TryAddSingleton(provider => new KernelCatalog(
            [.. KernelCatalog.Default.All, .. MpiKernels.Create(provider.GetRequiredService<MpiSidecar>()), .. provider.GetServices<IKernel>()]));
        services.TryAddSingleton<IJobStore, InMemoryJobStore>();
        services.TryAddSingleton<RunningChunks>();
        services.TryAddSingleton<BoundParameters>();
        services.TryAddSingleton<ChunkRunner>();
        services.TryAddSingleton<WorkerLoad>();
        services.TryAddSingleton(provider => new WorkerPool(
            provider.GetRequiredService<ChunkRunner>(), provider.GetRequiredService<KernelCatalog>(), provider.GetRequiredService<LocalSilo>(), provider.GetRequiredService<WorkerLoad>()));

        // The graincompute.* instruments; the chunk runner needs them, so they exist from the silo's start (WorkerDrain → pool → runner).
        services.AddMetrics();
        services.TryAddSingleton<ComputeMetrics>();
        services.TryAddSingleton<ClusterWorkers>();
        services.TryAddSingleton(provider => new CallRunner(
            provider.GetRequiredService<ClusterWorkers>(),
            provider.GetRequiredService<WorkerPool>(),
            provider.GetRequiredService<RunningChunks>(),
            provider.GetRequiredService<IGrainFactory>(),
            provider.GetRequiredService<ComputeOptions>()));
        services.TryAddSingleton<JobAdmission>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<ClusterWorkers>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, JobKeeper>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, WorkerDrain>();
        silo.AddPlacementDirector<SiloBoundPlacement, SiloBoundPlacementDirector>();
        services.AddPlacementFilter<KernelServedFilterStrategy, KernelServedFilterDirector>(ServiceLifetime.Singleton);
        return silo;
    }

    /// <summary>Serves <typeparamref name="TKernel"/> on this silo, beside the built-in kernels (the Orleans way: code deployed with the silo).</summary>
    public static ISiloBuilder AddKernel<TKernel>(this ISiloBuilder silo)
        where TKernel : class, IKernel, new()
    {
        silo.Services.AddSingleton<IKernel>(new TKernel());
        return silo;
    }
}
