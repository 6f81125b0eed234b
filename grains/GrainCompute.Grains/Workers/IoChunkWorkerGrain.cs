using GrainCompute.Runtime;

namespace GrainCompute.Grains.Workers;

/// <summary>
/// Runs I/O-bound chunks (slowadd and friends): reentrant, so a hundred chunks waiting on their delays share
/// one activation and no CPU slot (the seed's ThreadPoolExecutor, without the threads).
/// </summary>
[Reentrant]
[StatelessWorker(1, Placement = WorkerPlacement.AcrossSilos)]
internal sealed class IoChunkWorkerGrain(ChunkRunner runner) : Grain, IIoChunkWorkerGrain
{
    public Task<ChunkOutcome> Run(ChunkRequest request) => runner.RunAsync(request, RuntimeSilo.ToString(), "io");
}
