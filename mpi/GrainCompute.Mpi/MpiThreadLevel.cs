namespace GrainCompute.Mpi;

/// <summary>MPI thread support levels, numerically equal to <c>MPI_THREAD_SINGLE</c> … <c>MPI_THREAD_MULTIPLE</c>.</summary>
public enum MpiThreadLevel
{
    Single = 0,
    Funneled = 1,
    Serialized = 2,
    Multiple = 3,
}
