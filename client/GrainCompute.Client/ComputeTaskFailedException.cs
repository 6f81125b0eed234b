using System.Text.RegularExpressions;

namespace GrainCompute.Client;

/// <summary>A job failed on the cluster: which job, and the remote exception's type and message.</summary>
public sealed partial class ComputeTaskFailedException : Exception
{
    public ComputeTaskFailedException(string jobId, string? error)
        : this(jobId, error, $"job '{jobId}' failed: {error ?? "no error reported"}")
    {
    }

    private ComputeTaskFailedException(string jobId, string? error, string message)
        : base(message)
    {
        JobId = jobId;
        Error = error ?? "";
        var match = RemoteError().Match(Error);
        RemoteType = match.Success ? match.Groups["type"].Value : null;
        RemoteMessage = match.Success ? match.Groups["message"].Value : Error;
    }

    public ComputeTaskFailedException()
        : this("", (string?)null)
    {
    }

    public ComputeTaskFailedException(string message)
        : this("", message)
    {
    }

    public ComputeTaskFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        JobId = "";
        Error = message;
        RemoteMessage = message;
    }

    /// <summary>A call (<see cref="ComputeClient.CallAsync{T}"/>) that failed: it has no job, so <see cref="JobId"/> is empty.</summary>
    internal static ComputeTaskFailedException OfCall(string kernel, string error) => new("", error, $"call of {kernel} failed: {error}");

    /// <summary>The failed job's id; empty for a call, which has none.</summary>
    public string JobId { get; }

    /// <summary>The job's error as the server reports it ("chunk 3 (items 30..39) failed: DivideByZeroException: …").</summary>
    public string Error { get; }

    /// <summary>The remote exception's type name, when the error names one.</summary>
    public string? RemoteType { get; }

    public string RemoteMessage { get; }

    // The job grain writes "…failed: {Type}: {message}"; a type name is one identifier-ish token ending in Exception.
    [GeneratedRegex(@"(?<type>[A-Za-z_][\w.`]*Exception): (?<message>.*)$", RegexOptions.Singleline)]
    private static partial Regex RemoteError();
}
