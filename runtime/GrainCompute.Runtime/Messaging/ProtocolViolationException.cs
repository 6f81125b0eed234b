namespace GrainCompute.Runtime.Messaging;

/// <summary>A peer sent bytes that are not a valid frame. The connection is closed; the silo serves everyone else.</summary>
internal sealed class ProtocolViolationException(string message) : Exception(message);
