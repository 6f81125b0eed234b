using GrainCompute.Runtime;

namespace GrainCompute.Grains.Workers;

/// <summary>
/// Runs CPU-bound chunks: one activation per processor on each silo, each running one chunk at a time on its
/// turn, placed across all silos in proportion to their worker slots.
/// </summary>
[StatelessWorker(Placement = WorkerPlacement.AcrossSilos)]
internal sealed class ChunkWorkerGrain(ChunkRunner runner) : Grain, IChunkWorkerGrain
{
    private static int s_created;
    private readonly string _name = $"cpu-{Interlocked.Increment(ref s_created)}";

    public Task<ChunkOutcome> Run(ChunkRequest request) => runner.RunAsync(request, RuntimeSilo.ToString(), _name);
}
