namespace GrainCompute.Mpi;

/// <summary>Wildcards for <see cref="Communicator.Recv{T}"/>.</summary>
public static class Mpi
{
    /// <summary>Receive from whichever rank sends first (<c>MPI_ANY_SOURCE</c>).</summary>
    public const int AnySource = Native.OpenMpiAbi.AnySource;

    /// <summary>Receive a message with any tag (<c>MPI_ANY_TAG</c>).</summary>
    public const int AnyTag = Native.OpenMpiAbi.AnyTag;
}
