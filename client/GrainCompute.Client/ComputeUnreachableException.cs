namespace GrainCompute.Client;

/// <summary>No gateway answered: each address tried, and why it failed.</summary>
public sealed class ComputeUnreachableException : Exception
{
    public ComputeUnreachableException(IReadOnlyList<Uri> gateways, IReadOnlyList<string> failures, Exception? innerException = null)
        : base($"cannot reach the cluster: {string.Join("; ", failures)}", innerException)
    {
        Gateways = gateways;
        Failures = failures;
    }

    public ComputeUnreachableException()
        : this([], [])
    {
    }

    public ComputeUnreachableException(string message)
        : base(message)
    {
        Gateways = [];
        Failures = [message];
    }

    public ComputeUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
        Gateways = [];
        Failures = [message];
    }

    public IReadOnlyList<Uri> Gateways { get; }

    public IReadOnlyList<string> Failures { get; }
}
