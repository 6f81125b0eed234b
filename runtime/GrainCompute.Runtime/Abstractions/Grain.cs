using GrainCompute.Runtime.Activation;

namespace GrainCompute.Runtime;

/// <summary>
/// Base class of grain implementations. The runtime creates instances (constructor arguments come from the
/// silo's services) and calls them one request at a time unless the class or method says otherwise.
/// </summary>
public abstract class Grain
{
    private GrainActivation? _activation;

    /// <summary>This activation's identity.</summary>
    public GrainId GrainId => Activation.Id;

    /// <summary>The key this grain was addressed with, in its string form.</summary>
    public string GetPrimaryKeyString() => GrainId.Key;

    public long GetPrimaryKeyLong() => long.Parse(GrainId.Key, System.Globalization.CultureInfo.InvariantCulture);

    public Guid GetPrimaryKey() => Guid.Parse(GrainId.Key);

    /// <summary>Makes references to other grains.</summary>
    protected IGrainFactory GrainFactory => Activation.Silo.GrainFactory;

    /// <summary>This silo's current view of the cluster (active silos, their worker slots).</summary>
    protected ClusterView Cluster => Activation.Silo.View;

    /// <summary>Cancelled when this grain's silo stops (gracefully, or killed): background work of the grain should end.</summary>
    protected CancellationToken SiloStopped => Activation.Silo.Stopped;

    /// <summary>The address of the silo running this activation.</summary>
    protected SiloAddress RuntimeSilo => Activation.Silo.Address;

    /// <summary>Called before the first request. A throw here fails the pending requests and drops the activation.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called when the activation is collected or its silo shuts down.</summary>
    public virtual Task OnDeactivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Runs <paramref name="callback"/> on this activation's turn after <paramref name="dueTime"/> and then
    /// every <paramref name="period"/> (<see cref="Timeout.InfiniteTimeSpan"/> for once). A tick never overlaps
    /// a request, unless the class is reentrant. Dispose the result to stop it; deactivation stops it too.
    /// </summary>
    protected IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        Activation.RegisterTimer(callback, dueTime, period);

    /// <summary>Asks the runtime to deactivate this activation once the current request finishes.</summary>
    protected void DeactivateOnIdle() => Activation.DeactivateOnIdle();

    internal GrainActivation Activation => _activation ?? throw new InvalidOperationException("This grain was not created by the runtime.");

    internal void Attach(GrainActivation activation) => _activation = activation;
}
