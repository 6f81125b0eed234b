namespace GrainCompute.Runtime;

/// <summary>
/// A service (registered in the silo's services) that runs alongside the silo: told when the silo is active and
/// when it begins to stop. For background work such as resuming unfinished jobs.
/// </summary>
public interface ISiloLifecycleParticipant
{
    Task OnSiloActiveAsync(Hosting.Silo silo, CancellationToken cancellationToken);

    Task OnSiloStoppingAsync(Hosting.Silo silo, CancellationToken cancellationToken);
}
