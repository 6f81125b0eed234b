using GrainCompute.Grains;
using GrainCompute.Kernels;
using Orleans.Runtime;

namespace GrainCompute.Client.Transport;

/// <summary>
/// What a grain call threw, as the <see cref="ComputeApiException"/> the HTTP API's problem details give for the same
/// failure (the silo's ApiErrors): same status, title and named field, so callers handle one kind of error.
/// </summary>
internal static class GrainErrors
{
    /// <summary>A cluster limit or an unavailable silo: worth retrying within the client's retry budget (as 429/503 over HTTP).</summary>
    public static bool IsBusy(Exception exception) => exception is ComputeLimitException || IsUnavailable(exception);

    public static Exception ToClient(Exception exception) => exception switch
    {
        KernelParameterException bad => Invalid(bad.Field, bad.Message),
        JobsRejectedException rejected => new ComputeApiException(400, "Invalid request", rejected.Message, rejected.Errors),
        JobTooLargeException tooLarge => Invalid("parameters", tooLarge.Message),
        JobConflictException conflict => new ComputeApiException(409, "Job id in use", conflict.Message),
        JobNotFoundException missing => new ComputeApiException(404, "Job not found", missing.Message),
        ComputeLimitException limit => new ComputeApiException(429, "Limit exceeded", limit.Message),
        _ when IsUnavailable(exception) => new ComputeApiException(503, "Cluster unavailable", exception.Message),
        _ => new ComputeApiException(500, "Internal error", $"{exception.GetType().Name}: {exception.Message}"),
    };

    private static ComputeApiException Invalid(string field, string message) =>
        new(400, "Invalid request", message, new Dictionary<string, string[]> { [field] = [message] });

    private static bool IsUnavailable(Exception exception) =>
        exception is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException or Orleans.Runtime.Messaging.ConnectionFailedException;
}
