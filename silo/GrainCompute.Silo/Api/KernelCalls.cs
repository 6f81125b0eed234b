using System.Text.Json;
using GrainCompute.Grains.Workers;
using GrainCompute.Kernels;

namespace GrainCompute.Server.Api;

/// <summary>
/// POST /api/calls and the gateway's <c>Call</c>: one kernel call, validated here so that errors name their field,
/// then run by <see cref="CallRunner"/> with no job behind it — the path for many small futures one at a time
/// (a closed loop, an RPC), where a job's grain, store row and results stream cost more than the work.
/// </summary>
internal sealed class KernelCalls(KernelCatalog catalog, JobSubmission submission, CallRunner runner)
{
    /// <summary>Longest <c>timeoutSeconds</c> a call may ask for: a day, as a chunk's.</summary>
    private const double MaxTimeoutSeconds = 86_400;

    public async Task<string> RunAsync(CallBody? body, CancellationToken cancellationToken)
    {
        if (body is null || string.IsNullOrWhiteSpace(body.Kernel))
        {
            throw new KernelParameterException("kernel", "kernel is required; GET /api/kernels lists them");
        }

        if (body.Kernel.StartsWith(FutureGroupKernel.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            throw new KernelParameterException("kernel", $"a call runs one kernel; '{body.Kernel}' is a future group, which is a job (POST /api/jobs)");
        }

        if (body.TimeoutSeconds is { } timeout && (!double.IsFinite(timeout) || timeout is <= 0 or > MaxTimeoutSeconds))
        {
            throw new KernelParameterException("timeoutSeconds", $"timeoutSeconds must be more than 0 and at most {MaxTimeoutSeconds}");
        }

        var parameters = JobSubmission.ObjectParameters(body.Parameters);
        var parametersJson = parameters?.GetRawText();
        if (parametersJson is not null && parametersJson.Contains("\"$future\"", StringComparison.Ordinal))
        {
            throw new KernelParameterException("parameters", "a call's parameters cannot name a {\"$future\": …}: submit a job (POST /api/jobs) to wait on another");
        }

        // A kernel only other silos serve is checked by the silo that runs the call; its refusal is the call's error.
        if (catalog.TryGet(body.Kernel, out var kernel))
        {
            FutureGroupKernel.BindCall(kernel, parameters);
        }
        else
        {
            await submission.ThrowUnlessServedAsync(body.Kernel);
        }

        return await runner.RunAsync(body.Kernel, parametersJson, body.TimeoutSeconds, cancellationToken);
    }

    /// <summary>POST /api/calls: 200 with the call's outcome, a failed kernel included (it is the call's answer, not the request's error).</summary>
    public static async Task<IResult> PostAsync(HttpRequest request, KernelCalls calls)
    {
        var (body, unreadable) = await RequestBodies.ReadAsync<CallBody>(request);
        if (unreadable is not null)
        {
            return unreadable;
        }

        try
        {
            return Results.Content(await calls.RunAsync(body, request.HttpContext.RequestAborted), "application/json");
        }
        catch (OperationCanceledException) when (request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty; // the caller went away: no one reads an answer
        }
        catch (Exception exception)
        {
            return ApiErrors.ToProblem(exception);
        }
    }
}

/// <summary>POST /api/calls body.</summary>
/// <param name="Kernel">Kernel name, as GET /api/kernels lists them.</param>
/// <param name="Parameters">Kernel parameters; absent members take the defaults.</param>
/// <param name="TimeoutSeconds">How long the kernel may run; absent: as long as it takes.</param>
public sealed record CallBody(string? Kernel, JsonElement? Parameters, double? TimeoutSeconds);
