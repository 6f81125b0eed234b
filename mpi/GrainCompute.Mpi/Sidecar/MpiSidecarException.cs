namespace GrainCompute.Mpi.Sidecar;

/// <summary>The sidecar refused or failed a run; carries the HTTP status and the problem's title and detail.</summary>
public sealed class MpiSidecarException : Exception
{
    public MpiSidecarException(int statusCode, string title, string? detail)
        : base(detail is null ? title : $"{title}: {detail}")
    {
        StatusCode = statusCode;
        Title = title;
        Detail = detail;
    }

    public MpiSidecarException()
    {
        Title = "";
    }

    public MpiSidecarException(string message)
        : base(message)
    {
        Title = message;
    }

    public MpiSidecarException(string message, Exception innerException)
        : base(message, innerException)
    {
        Title = message;
    }

    /// <summary>HTTP status: 400 bad request, 429 busy, 504 time limit; 200 for a run that ran and failed.</summary>
    public int StatusCode { get; }

    public string Title { get; }

    public string? Detail { get; }
}
