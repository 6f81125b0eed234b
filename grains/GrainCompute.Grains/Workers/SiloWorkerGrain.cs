using GrainCompute.Grains.Placement;

namespace GrainCompute.Grains.Workers;

/// <summary>
/// A silo's chunk workers as one grain on that silo. Reentrant: it only hands chunks to the <see cref="WorkerPool"/>
/// and awaits them, so any number of chunks (and cancels) are in flight at once while the pool bounds the CPU work.
/// </summary>
[SiloBound]
[Reentrant]
internal sealed class SiloWorkerGrain(WorkerPool pool, RunningChunks running, ClusterWorkers workers) : Grain, ISiloWorkerGrain
{
    public Task<ChunkOutcome> Run(ChunkRequest request) => workers.LocalInfo.Serves(request.Kernel, request.KernelVersion)
        ? pool.RunAsync(request, GrainContext.Address.SiloAddress!.ToString())
        : throw new KernelUnavailableException($"silo {workers.LocalInfo.Name} does not serve kernel '{request.Kernel}' at version {request.KernelVersion}");

    public Task CancelJob(string runId)
    {
        running.Cancel(runId);
        return Task.CompletedTask;
    }

    public Task<SiloWorkerInfo> GetInfo() => Task.FromResult(workers.LocalInfo);
}
