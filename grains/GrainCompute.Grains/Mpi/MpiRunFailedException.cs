namespace GrainCompute.Grains.Mpi;

/// <summary>An <c>mpi-*</c> kernel's run did not produce a result: the sidecar was busy, unreachable, timed out, or a rank failed.</summary>
internal sealed class MpiRunFailedException(string message, Exception? innerException = null) : Exception(message, innerException);
