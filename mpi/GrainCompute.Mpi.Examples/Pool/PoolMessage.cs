namespace GrainCompute.Mpi.Examples.Pool;

/// <summary>
/// An item or a result on the wire, with the item's position. A class, so MPI.NET serializes it: its datatype cache
/// cannot build an MPI struct type for a generic value tuple (TypeInitializationException in FastDatatypeCache).
/// </summary>
internal sealed record PoolMessage<T>(int Index, T Value);
