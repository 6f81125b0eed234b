using GrainCompute.Runtime.Activation;

namespace GrainCompute.Runtime.Messaging;

/// <summary>A request that came from another silo; its answer goes back as a response frame on the same connection.</summary>
internal sealed class RemoteCall(SiloConnection connection, long correlationId, GrainId target, GrainMethod method, object?[] arguments, long deadlineTimestamp)
    : IncomingCall(target, method, arguments, deadlineTimestamp)
{
    public SiloConnection Connection { get; } = connection;

    public override void Complete(object? result) =>
        Connection.TrySend(ResponseFrame.Success(correlationId, result, Method.ResultType));

    public override void Fail(Exception exception) =>
        Connection.TrySend(ResponseFrame.Failure(correlationId, exception));
}
