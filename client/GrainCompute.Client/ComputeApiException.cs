namespace GrainCompute.Client;

/// <summary>
/// The cluster refused a request with RFC 9457 problem details: an unknown kernel, a bad parameter (named in
/// <see cref="Errors"/>), a missing job, a missing API key.
/// </summary>
public sealed class ComputeApiException : Exception
{
    public ComputeApiException(int statusCode, string title, string? detail, IReadOnlyDictionary<string, string[]>? errors = null)
        : base(Describe(statusCode, title, detail, errors))
    {
        StatusCode = statusCode;
        Title = title;
        Detail = detail;
        Errors = errors ?? new Dictionary<string, string[]>();
    }

    public ComputeApiException()
        : this(500, "Unknown error", null)
    {
    }

    public ComputeApiException(string message)
        : base(message)
    {
        Title = message;
        Errors = new Dictionary<string, string[]>();
    }

    public ComputeApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Title = message;
        Errors = new Dictionary<string, string[]>();
    }

    /// <summary>HTTP status (400 invalid request, 401 no API key, 404 job not found, 429 limit, 503 cluster unavailable).</summary>
    public int StatusCode { get; }

    public string Title { get; }

    public string? Detail { get; }

    /// <summary>Field name (camelCase, as in the request) → what is wrong with it.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>The first field the server named, if any ("kernel", "parameters", "n").</summary>
    public string? Field => Errors.Keys.FirstOrDefault();

    private static string Describe(int statusCode, string title, string? detail, IReadOnlyDictionary<string, string[]>? errors)
    {
        var text = string.IsNullOrWhiteSpace(detail) ? title : detail;
        var field = errors is { Count: > 0 } ? $", field '{errors.Keys.First()}'" : "";
        return $"{text} (HTTP {statusCode}{field})";
    }
}
