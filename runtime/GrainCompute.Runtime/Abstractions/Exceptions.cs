namespace GrainCompute.Runtime;

/// <summary>A grain call got no response within its timeout.</summary>
public sealed class GrainCallTimeoutException(string message) : TimeoutException(message);

/// <summary>
/// A grain threw an exception whose type this process cannot recreate. <see cref="RemoteType"/> names it;
/// the message and the remote stack trace are kept.
/// </summary>
public sealed class RemoteGrainException(string remoteType, string message) : Exception(message)
{
    public string RemoteType { get; } = remoteType;
}

/// <summary>The silo that held a call died or closed its connection before answering.</summary>
public sealed class SiloUnavailableException : Exception
{
    // The one-string constructor lets a "silo stopped" answer from another silo come back as this type.
    public SiloUnavailableException(string message) : base(message)
    {
    }

    public SiloUnavailableException(string message, Exception? inner) : base(message, inner)
    {
    }
}
