using System.Text.Json;
using GrainCompute.Grains;
using GrainCompute.Grains.Jobs;
using GrainCompute.Grains.Placement;
using GrainCompute.Grains.Workers;
using GrainCompute.Kernels;

namespace GrainCompute.Server.Api;

/// <summary>
/// Turns one submit request (POST /api/jobs, or one entry of POST /api/jobs/batch) into the job to submit, validated
/// at the gateway so that errors name their field whatever silo the job grain lands on. A bad field throws
/// <see cref="KernelParameterException"/> naming it.
/// </summary>
internal sealed class JobSubmission(KernelCatalog catalog, ClusterKernels cluster)
{
    /// <summary>The header a client may send to name itself, so the silo queues its jobs fairly against other clients'.</summary>
    public const string ClientHeader = "X-GrainCompute-Client";

    public async Task<(string Id, JobSpec Spec)> PrepareAsync(SubmitJobRequest? body, string client)
    {
        if (body is null || string.IsNullOrWhiteSpace(body.Kernel))
        {
            throw new KernelParameterException("kernel", "kernel is required; GET /api/kernels lists them");
        }

        if (body.Id is { } chosen && !IsJobId(chosen))
        {
            throw new KernelParameterException("id", $"id {IdRule}");
        }

        var parametersJson = ObjectParameters(body.Parameters)?.GetRawText();

        // A kernel only other silos serve is validated by the job grain, which activates on one of them.
        if (catalog.TryGet(body.Kernel, out var kernel))
        {
            if (parametersJson is null || !parametersJson.Contains("\"$future\"", StringComparison.Ordinal))
            {
                BoundParameters.Bind(kernel, parametersJson);
            }
        }
        else
        {
            await ThrowUnlessServedAsync(body.Kernel);
        }

        if (parametersJson is not null && FutureReferences.Find(parametersJson).FirstOrDefault(id => !IsJobId(id)) is { } badFuture)
        {
            throw new KernelParameterException("parameters", $"{{\"$future\": \"{badFuture}\"}} names no job: a job id {IdRule}");
        }

        return (body.Id ?? $"job-{Guid.NewGuid():N}"[..16], new JobSpec(body.Kernel, parametersJson, body.ChunkSize, body.Options, Client: client));
    }

    /// <summary>A request's parameters: null when absent or JSON null; anything but a JSON object is a "parameters" field error.</summary>
    public static JsonElement? ObjectParameters(JsonElement? parameters) => parameters switch
    {
        null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { ValueKind: JsonValueKind.Object } => parameters,
        _ => throw new KernelParameterException("parameters", "parameters must be a JSON object"),
    };

    private const string IdRule = "must be 1–128 letters, digits, '-', '_' or '.', and not '.' or '..'";

    /// <summary>"." and ".." pass the character rule but no URL can name them (/api/jobs/.. is /api): refused, not unaddressable.</summary>
    private static bool IsJobId(string id) =>
        id.Length is > 0 and <= 128 && id is not "." and not ".." && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>Submits a prepared job; its grain activates on a silo serving the kernel.</summary>
    public static Task<JobStatus> SubmitAsync(IGrainFactory grains, string id, JobSpec spec)
    {
        KernelServedPlacement.Prefer(spec.Kernel);
        return grains.GetGrain<IJobGrain>(id).Submit(spec);
    }

    /// <summary>Who submits, for fair queueing: the client's own name, else its address.</summary>
    public static string ClientOf(HttpRequest request) =>
        request.Headers[ClientHeader].FirstOrDefault() is { Length: > 0 and <= 128 } named
            ? named
            : request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>Throws a "kernel" field error naming the closest served kernel unless some active silo serves <paramref name="name"/>.</summary>
    public async Task ThrowUnlessServedAsync(string name)
    {
        var served = await cluster.NamesAsync();
        if (!served.Contains(FutureGroupKernel.InnerName(name), StringComparer.OrdinalIgnoreCase))
        {
            var didYouMean = KernelNotFoundException.DidYouMean(KernelNotFoundException.Closest(FutureGroupKernel.InnerName(name), served));
            throw new KernelParameterException("kernel", $"no active silo serves kernel '{name}';{didYouMean} served: {string.Join(", ", served)}");
        }
    }
}
