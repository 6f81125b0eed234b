using System.Text.Json;
using GrainCompute.Grains;
using GrainCompute.Server.Hosting;

namespace GrainCompute.Server.Api;

/// <summary>The HTTP API every silo serves (the gateway): jobs, results, waits, cancels, kernels, cluster.</summary>
internal static class ComputeApi
{
    public static void MapComputeApi(this WebApplication app)
    {
        var api = app.MapGroup("/api");
        api.MapPost("/jobs", SubmitAsync).Accepts<SubmitJobRequest>("application/json").Produces<JobStatus>(StatusCodes.Status202Accepted).ProducesValidationProblem();
        api.MapGet("/jobs", ListAsync).Produces<IReadOnlyList<JobStatus>>();
        api.MapGet("/jobs/{id}", (string id, IGrainFactory grains) => Call(() => Job(grains, id).GetStatus())).Produces<JobStatus>().ProducesProblem(404);
        api.MapGet("/jobs/{id}/chunks", (string id, IGrainFactory grains) => Call(() => Job(grains, id).GetChunks())).Produces<IReadOnlyList<ChunkInfo>>();
        api.MapGet("/jobs/{id}/result", (string id, IGrainFactory grains) => Call(async () => JsonDocument.Parse(await Job(grains, id).GetResult() ?? "null").RootElement)).Produces<JsonElement>();
        api.MapGet("/jobs/{id}/image", JobImage.GetAsync).Produces(200, contentType: "image/png");
        api.MapGet("/jobs/{id}/results", GetResultsAsync).Produces<ResultsPage>();
        api.MapGet("/jobs/{id}/results/stream", ResultStreaming.StreamAsync);
        api.MapPost("/jobs/{id}/wait", WaitAsync).Produces<WaitOutcome>();
        api.MapPost("/jobs/{id}/cancel", (string id, IGrainFactory grains) => Call(() => Job(grains, id).Cancel())).Produces<JobStatus>();
        api.MapPost("/calls", KernelCalls.PostAsync).Accepts<CallBody>("application/json").Produces<JsonElement>().ProducesValidationProblem();
        api.MapGet("/kernels", async (ClusterKernels kernels) => Results.Ok(await kernels.ListAsync())).Produces<IReadOnlyList<KernelInfo>>();
        api.MapGet("/cluster", async (ClusterDirectory cluster) => Results.Ok(await cluster.ReadAsync())).Produces<ClusterInfo>();
        api.MapBatchApi();
    }

    internal static IJobGrain Job(IGrainFactory grains, string id) => grains.GetGrain<IJobGrain>(id);

    private static async Task<IResult> SubmitAsync(HttpRequest request, IGrainFactory grains, JobSubmission submission)
    {
        var (body, unreadable) = await RequestBodies.ReadAsync<SubmitJobRequest>(request);
        if (unreadable is not null)
        {
            return unreadable;
        }

        try
        {
            var (id, spec) = await submission.PrepareAsync(body, JobSubmission.ClientOf(request));
            return Results.Accepted($"/api/jobs/{id}", await JobSubmission.SubmitAsync(grains, id, spec));
        }
        catch (Exception exception)
        {
            return ApiErrors.ToProblem(exception);
        }
    }

    private static async Task<IResult> ListAsync(IGrainFactory grains, IJobStore store, int? limit)
    {
        if (limit is < 1 or > 10_000)
        {
            return ApiErrors.Invalid("limit", "limit must be 1..10000");
        }

        try
        {
            var entries = await store.ListAsync(limit ?? 100);
            var statuses = await Task.WhenAll(entries.Select(e => Job(grains, e.Id).GetStatus()));
            return Results.Ok(statuses);
        }
        catch (Exception exception)
        {
            return ApiErrors.ToProblem(exception);
        }
    }

    private static Task<IResult> GetResultsAsync(string id, IGrainFactory grains, string? order, long? offset, int? limit)
    {
        if (!TryParseOrder(order, out var parsed))
        {
            return Task.FromResult(ApiErrors.Invalid("order", $"order must be 'input' or 'completion', not '{order}'"));
        }

        if (offset is < 0)
        {
            return Task.FromResult(ApiErrors.Invalid("offset", "offset must be ≥ 0"));
        }

        if (limit is < 1 or > 100_000)
        {
            return Task.FromResult(ApiErrors.Invalid("limit", "limit must be 1..100000"));
        }

        return Call(() => Job(grains, id).GetResults(parsed, offset ?? 0, limit ?? 1000));
    }

    private static async Task<IResult> WaitAsync(string id, HttpRequest request, IGrainFactory grains)
    {
        var wait = new WaitRequest();
        if (!(request.ContentLength is 0 or null && !request.Headers.ContentType.Any()))
        {
            // The shared reader: a body that is not JSON (text/plain) is a 400 naming it, not a 500.
            var (body, unreadable) = await RequestBodies.ReadAsync<WaitRequest>(request);
            if (unreadable is not null)
            {
                return unreadable;
            }

            wait = body ?? wait;
        }

        // "NaN" and "Infinity" parse (named floating literals are allowed) but make no TimeSpan.
        if (!double.IsFinite(wait.TimeoutSeconds) || wait.TimeoutSeconds is < 0 or > 3600)
        {
            return ApiErrors.Invalid("timeoutSeconds", "timeoutSeconds must be 0..3600");
        }

        return await Call(() => Job(grains, id).WaitAsync(wait.ReturnWhen, TimeSpan.FromSeconds(wait.TimeoutSeconds)));
    }

    internal static bool TryParseOrder(string? text, out ResultOrder order)
    {
        order = ResultOrder.Input;
        return text is null || Enum.TryParse(text, ignoreCase: true, out order);
    }

    internal static async Task<IResult> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return Results.Ok(await call());
        }
        catch (Exception exception)
        {
            return ApiErrors.ToProblem(exception);
        }
    }
}
