using System.Text.Json;
using GrainCompute.Grains;
using GrainCompute.Kernels;
using GrainCompute.Server.Api;
using GrainCompute.Server.Hosting;

namespace GrainCompute.Server.Gateway;

/// <summary>
/// The HTTP API's multi-job and validation work for Orleans clients (<see cref="IComputeGateway"/>), through the same
/// classes its endpoints use. A stateless worker, so it runs on the silo the client reaches and scales with its
/// calls; reentrant, since it keeps no state and its waits are long.
/// </summary>
[StatelessWorker]
[Reentrant]
internal sealed class ComputeGatewayGrain(IGrainFactory grains, JobSubmission submission, KernelCalls calls, ClusterKernels kernels, ClusterDirectory cluster, IJobStore store) : Grain, IComputeGateway
{
    public async Task<JobStatus> Submit(JobRequest job, string client)
    {
        var (id, spec) = await Prepare(() => submission.PrepareAsync(ToBody(job), client));
        return await JobSubmission.SubmitAsync(grains, id, spec);
    }

    public async Task<IReadOnlyList<JobStatus>> SubmitBatch(IReadOnlyList<JobRequest> jobs, string client)
    {
        if (jobs is not { Count: > 0 and <= BatchApi.MaxJobs })
        {
            throw new KernelParameterException("jobs", $"jobs must list 1..{BatchApi.MaxJobs} jobs");
        }

        var prepared = await Prepare(() => JobBatch.PrepareAsync(submission, [.. jobs.Select(ToBody)], client));
        return await JobBatch.SubmitAsync(grains, prepared, CancellationToken.None);
    }

    public Task<string> Call(CallRequest call, CancellationToken cancellationToken = default) =>
        Prepare(() => calls.RunAsync(new CallBody(call.Kernel, ParseParameters(call.ParametersJson), call.TimeoutSeconds), cancellationToken));

    public Task<JobsWaitOutcome> WaitMany(IReadOnlyList<string> ids, ReturnWhen when, double timeoutSeconds, CancellationToken cancellationToken = default)
    {
        CheckIds(ids);
        if (timeoutSeconds is < 0 or > 3600 || double.IsNaN(timeoutSeconds))
        {
            throw new KernelParameterException("timeoutSeconds", "timeoutSeconds must be 0..3600");
        }

        return JobsWaiting.WaitManyAsync(grains, ids, when, TimeSpan.FromSeconds(timeoutSeconds), cancellationToken);
    }

    public Task<IReadOnlyList<string>> Follow(IReadOnlyList<string> ids, IJobCompletionObserver observer, double holdSeconds, CancellationToken cancellationToken = default)
    {
        CheckIds(ids);
        ArgumentNullException.ThrowIfNull(observer);
        return new JobFollowing(grains, observer).RunAsync(ids, TimeSpan.FromSeconds(Math.Clamp(holdSeconds, 0, 300)), cancellationToken);
    }

    public async Task<string> KernelsJson() => JsonSerializer.Serialize(await kernels.ListAsync(), JsonDefaults.Options);

    public async Task<string> ClusterJson() => JsonSerializer.Serialize(await cluster.ReadAsync(), JsonDefaults.Options);

    public async Task<IReadOnlyList<JobStatus>> Jobs(int limit)
    {
        if (limit is < 1 or > 10_000)
        {
            throw new KernelParameterException("limit", "limit must be 1..10000");
        }

        var entries = await store.ListAsync(limit);
        return await Task.WhenAll(entries.Select(e => grains.GetGrain<IJobGrain>(e.Id).GetStatus()));
    }

    /// <summary>The HTTP body the endpoints validate, so both paths check (and word) the same things.</summary>
    private static SubmitJobRequest ToBody(JobRequest job) =>
        new(job.Kernel, ParseParameters(job.ParametersJson), job.ChunkSize, job.Id, job.Options);

    /// <summary>Parameters sent as JSON text, as the HTTP body would hold them; malformed JSON is a "parameters" field error.</summary>
    private static JsonElement? ParseParameters(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            throw new KernelParameterException("parameters", $"malformed JSON: {exception.Message}");
        }
    }

    /// <summary>
    /// Runs validation, turning a kernel the catalog does not know (a type the client cannot load) into the
    /// "kernel" field error the API answers with.
    /// </summary>
    private static async Task<T> Prepare<T>(Func<Task<T>> prepare)
    {
        try
        {
            return await prepare();
        }
        catch (KernelNotFoundException unknown)
        {
            throw new KernelParameterException("kernel", unknown.Message);
        }
    }

    private static void CheckIds(IReadOnlyList<string>? ids)
    {
        if (ids is not { Count: > 0 and <= BatchApi.MaxJobs })
        {
            throw new KernelParameterException("ids", $"ids must list 1..{BatchApi.MaxJobs} job ids");
        }

        if (ids.Any(string.IsNullOrEmpty))
        {
            throw new KernelParameterException("ids", "ids must not hold empty ids");
        }
    }
}
