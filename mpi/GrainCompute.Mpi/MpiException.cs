namespace GrainCompute.Mpi;

/// <summary>An MPI call returned an error code; the message carries the call and MPI's own error string.</summary>
public sealed class MpiException : Exception
{
    public MpiException(string function, int errorCode, string errorString)
        : base($"{function} failed with MPI error {errorCode}: {errorString}")
    {
        Function = function;
        ErrorCode = errorCode;
    }

    public MpiException()
    {
        Function = "";
    }

    public MpiException(string message)
        : base(message)
    {
        Function = "";
    }

    public MpiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Function = "";
    }

    /// <summary>The MPI function that failed, e.g. <c>MPI_Send</c>.</summary>
    public string Function { get; }

    /// <summary>The MPI error class/code it returned.</summary>
    public int ErrorCode { get; }
}
