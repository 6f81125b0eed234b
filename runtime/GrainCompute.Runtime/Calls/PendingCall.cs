namespace GrainCompute.Runtime.Calls;

/// <summary>A call this silo made and still waits for: local or remote, it completes exactly once.</summary>
internal sealed class PendingCall(long id, GrainId target, GrainMethod method, SiloAddress silo, long deadlineTimestamp, TimeSpan timeout)
    : TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    public long Id { get; } = id;

    public GrainId Target { get; } = target;

    public GrainMethod Method { get; } = method;

    /// <summary>The silo the call went to, so that its death fails the call at once.</summary>
    public SiloAddress Silo { get; } = silo;

    public long DeadlineTimestamp { get; } = deadlineTimestamp;

    public TimeSpan Timeout { get; } = timeout;
}
