namespace GrainCompute.Grains.Workers;

/// <summary>
/// On graceful shutdown (SIGTERM, a rolling update) the silo's running chunks finish before Orleans goes on to stop:
/// it subscribes at the first stage to stop, so grains and messaging still work while chunks finish and report.
/// Chunks that arrive meanwhile are refused and run elsewhere.
/// </summary>
internal sealed class WorkerDrain(WorkerPool pool, LocalSilo silo) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(
        nameof(WorkerDrain),
        ServiceLifecycleStage.Active,
        _ => Task.CompletedTask,
        _ => pool.DrainAsync(silo.DrainTimeout));
}
