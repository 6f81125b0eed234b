using GrainCompute.Grains;
using GrainCompute.Kernels;

namespace GrainCompute.Server.Api;

/// <summary>Turns what went wrong into RFC 9457 problem details that name the bad field.</summary>
internal static class ApiErrors
{
    public static IResult ToProblem(Exception exception) => exception switch
    {
        KernelParameterException bad => Invalid(bad.Field, bad.Message),
        KernelNotFoundException unknown => Invalid("kernel", unknown.Message),
        JobTooLargeException tooLarge => Invalid("parameters", tooLarge.Message),
        JobConflictException conflict => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Job id in use", detail: conflict.Message),
        JobNotFoundException missing => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Job not found", detail: missing.Message),
        ComputeLimitException limit => new RetryAfter(Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Limit exceeded", detail: limit.Message), Seconds: 1),
        SiloUnavailableException or OrleansMessageRejectionException or TimeoutException => new RetryAfter(Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Cluster unavailable", detail: exception.Message), Seconds: 1),
        _ => Results.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "Internal error", detail: $"{exception.GetType().Name}: {exception.Message}"),
    };

    public static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: message, title: "Invalid request");

    /// <summary>A problem the client should retry after a while (429, 503): says how long in <c>Retry-After</c>.</summary>
    private sealed record RetryAfter(IResult Problem, int Seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = Seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problem.ExecuteAsync(httpContext);
        }
    }
}
