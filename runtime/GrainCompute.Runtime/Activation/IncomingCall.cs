namespace GrainCompute.Runtime.Activation;

/// <summary>
/// A request delivered to an activation, local or from another silo. Subclasses decide how the answer
/// travels back: straight into the caller's task, or as a response frame on a connection.
/// </summary>
internal abstract class IncomingCall(GrainId target, GrainMethod method, object?[] arguments, long deadlineTimestamp) : ActivationWorkItem
{
    public GrainId Target { get; } = target;

    public GrainMethod Method { get; } = method;

    public object?[] Arguments { get; } = arguments;

    /// <summary>TimeProvider timestamp after which nobody waits for the answer; 0 for none.</summary>
    public long DeadlineTimestamp { get; } = deadlineTimestamp;

    /// <summary>How many silos have forwarded this call (misdirected while membership changed).</summary>
    public int ForwardCount { get; init; }

    public override bool AlwaysInterleave => Method.AlwaysInterleave;

    public override bool ReadOnly => Method.ReadOnly;

    public abstract void Complete(object? result);

    public abstract void Fail(Exception exception);

    public override void Reject(Exception reason) => Fail(reason);

    public override async Task RunAsync(GrainActivation activation)
    {
        try
        {
            Complete(await activation.InvokeAsync(this));
        }
        catch (Exception exception)
        {
            Fail(exception);
        }
    }
}
