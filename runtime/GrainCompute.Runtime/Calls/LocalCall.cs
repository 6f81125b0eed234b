using GrainCompute.Runtime.Activation;

namespace GrainCompute.Runtime.Calls;

/// <summary>A call from this silo to an activation on this silo: arguments and results pass by reference, unserialized.</summary>
internal sealed class LocalCall(PendingCall pending, PendingCalls registry, object?[] arguments)
    : IncomingCall(pending.Target, pending.Method, arguments, pending.DeadlineTimestamp)
{
    public override void Complete(object? result) => registry.Complete(pending, result);

    public override void Fail(Exception exception) => registry.Fail(pending, exception);
}
