using GrainCompute.Runtime;

namespace GrainCompute.Grains.Workers;

[SiloBound]
[Reentrant]
internal sealed class SiloControlGrain(RunningChunks running) : Grain, ISiloControlGrain
{
    public Task CancelJob(string jobId)
    {
        running.Cancel(jobId);
        return Task.CompletedTask;
    }
}
