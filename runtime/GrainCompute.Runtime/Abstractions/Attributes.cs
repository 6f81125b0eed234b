namespace GrainCompute.Runtime;

/// <summary>Requests of this grain class may interleave at await points (they still never run in parallel).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ReentrantAttribute : Attribute;

/// <summary>This method's requests interleave with any other request of the activation.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;

/// <summary>This method does not change state: read-only requests interleave with each other, not with writers.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyAttribute : Attribute;

/// <summary>Overrides the default response timeout for calls of this method.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ResponseTimeoutAttribute(double seconds) : Attribute
{
    public TimeSpan Timeout { get; } = TimeSpan.FromSeconds(seconds);
}

/// <summary>Where calls to a stateless worker go.</summary>
public enum WorkerPlacement
{
    /// <summary>Always the caller's silo, as in Orleans.</summary>
    Local,

    /// <summary>
    /// Any active silo: each call goes to the silo with the fewest of this caller's calls to the grain type in
    /// flight, so work spreads over the whole cluster (what Orleans users ask for in dotnet/orleans#9383).
    /// </summary>
    AcrossSilos,
}

/// <summary>
/// Many activations of this grain may exist at once on each silo, created on demand up to
/// <see cref="MaxLocalWorkers"/> and collected when idle. Such grains keep no state between calls.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class StatelessWorkerAttribute(int maxLocalWorkers = 0) : Attribute
{
    /// <summary>Most activations per silo; 0 means one per worker slot (<see cref="Hosting.SiloOptions.WorkerSlots"/>).</summary>
    public int MaxLocalWorkers { get; } = Math.Max(0, maxLocalWorkers);

    public WorkerPlacement Placement { get; init; } = WorkerPlacement.Local;
}

/// <summary>
/// The grain's key is a silo address (<see cref="SiloAddress.ToString"/>) and its activation lives on that silo:
/// a way to reach every silo in turn (broadcasts such as "cancel job X everywhere"). A call to a silo that is
/// gone fails with <see cref="SiloUnavailableException"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SiloBoundAttribute : Attribute;
