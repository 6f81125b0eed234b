namespace GrainCompute.Mpi.Examples.Cli;

/// <summary>A bad command line; reported as one line with exit code 2, before MPI starts.</summary>
internal sealed class ExampleArgumentException : Exception
{
    public ExampleArgumentException(string message)
        : base(message)
    {
    }

    public ExampleArgumentException()
    {
    }

    public ExampleArgumentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
