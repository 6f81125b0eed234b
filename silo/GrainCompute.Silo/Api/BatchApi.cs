using System.Text.Json;
using System.Threading.Channels;
using GrainCompute.Grains;
using GrainCompute.Grains.Jobs;
using GrainCompute.Kernels;

namespace GrainCompute.Server.Api;

/// <summary>
/// Many futures per request: submit a batch of jobs (a job naming another of the batch goes after it), wait on many
/// jobs, stream many jobs' completions.
/// One request instead of one per job, and inside the cluster the per-job calls run at once.
/// </summary>
internal static class BatchApi
{
    /// <summary>Most jobs one request submits, waits on or streams.</summary>
    public const int MaxJobs = 10_000;

    public static void MapBatchApi(this RouteGroupBuilder api)
    {
        api.MapPost("/jobs/batch", SubmitAsync).Accepts<SubmitBatchRequest>("application/json").Produces<SubmitBatchResponse>(StatusCodes.Status202Accepted).ProducesValidationProblem();
        api.MapPost("/jobs/wait", WaitAsync).Accepts<WaitManyRequest>("application/json").Produces<WaitManyOutcome>().ProducesValidationProblem();
        api.MapPost("/jobs/completions", StreamCompletionsAsync).Accepts<CompletionsRequest>("application/json").Produces<JobStatus>(contentType: "application/x-ndjson");
    }

    private static async Task<IResult> SubmitAsync(HttpRequest request, IGrainFactory grains, JobSubmission submission)
    {
        var (body, bad) = await RequestBodies.ReadAsync<SubmitBatchRequest>(request);
        if (bad is not null)
        {
            return bad;
        }

        if (body?.Jobs is not { Count: > 0 and <= MaxJobs } jobs)
        {
            return ApiErrors.Invalid("jobs", $"jobs must list 1..{MaxJobs} jobs");
        }

        try
        {
            var prepared = await JobBatch.PrepareAsync(submission, jobs, JobSubmission.ClientOf(request));
            var statuses = await JobBatch.SubmitAsync(grains, prepared, request.HttpContext.RequestAborted);
            return Results.Json(new SubmitBatchResponse(statuses), JsonDefaults.Options, statusCode: StatusCodes.Status202Accepted);
        }
        catch (JobsRejectedException rejected)
        {
            return Results.ValidationProblem(rejected.Errors, detail: rejected.Message, title: "Invalid request");
        }
        catch (Exception exception)
        {
            return ApiErrors.ToProblem(exception);
        }
    }

    private static async Task<IResult> WaitAsync(HttpRequest request, IGrainFactory grains)
    {
        var (body, bad) = await RequestBodies.ReadAsync<WaitManyRequest>(request);
        if (bad is not null)
        {
            return bad;
        }

        if (Ids(body?.Ids) is { } invalid)
        {
            return invalid;
        }

        if (body!.TimeoutSeconds is < 0 or > 3600 || double.IsNaN(body.TimeoutSeconds))
        {
            return ApiErrors.Invalid("timeoutSeconds", "timeoutSeconds must be 0..3600");
        }

        try
        {
            var outcome = await JobsWaiting.WaitManyAsync(grains, body.Ids!, body.ReturnWhen, TimeSpan.FromSeconds(body.TimeoutSeconds), request.HttpContext.RequestAborted);
            return Results.Json(new WaitManyOutcome(outcome.Satisfied, outcome.Done, outcome.NotDone), JsonDefaults.Options);
        }
        catch (Exception exception)
        {
            return ApiErrors.ToProblem(exception);
        }
    }

    /// <summary>
    /// One final status per line (NDJSON) as each job finishes, in the order they finish; the stream ends when all have.
    /// Jobs that finished already come first. Unknown ids are a 404 before the stream starts; a job forgotten meanwhile
    /// (its retention ended) gets no line, and a job whose silo died is waited on where it resumes.
    /// </summary>
    private static async Task StreamCompletionsAsync(HttpContext context, IGrainFactory grains)
    {
        var (body, bad) = await RequestBodies.ReadAsync<CompletionsRequest>(context.Request);
        if ((bad ?? Ids(body?.Ids)) is { } invalid)
        {
            await invalid.ExecuteAsync(context);
            return;
        }

        var ids = body!.Ids!.Distinct(StringComparer.Ordinal).ToList();
        var aborted = context.RequestAborted;
        JobStatus[] current;
        try
        {
            current = await Task.WhenAll(ids.Select(id => ComputeApi.Job(grains, id).GetStatus()));
        }
        catch (Exception exception)
        {
            await ApiErrors.ToProblem(exception).ExecuteAsync(context);
            return;
        }

        var finished = Channel.CreateUnbounded<JobStatus?>(); // null: a job forgotten meanwhile
        foreach (var status in current)
        {
            _ = status.IsFinished ? finished.Writer.WriteAsync(status, aborted).AsTask() : WatchAsync(ComputeApi.Job(grains, status.Id), finished.Writer, aborted);
        }

        context.Response.ContentType = "application/x-ndjson";
        await context.Response.StartAsync(aborted);

        // StartAsync alone leaves the headers in Kestrel's buffer until the first line: a client would wait for the
        // first job to end to learn that the stream is open (and a client timing out on headers gives up on long jobs).
        await context.Response.Body.FlushAsync(aborted);
        try
        {
            for (var written = 0; written < ids.Count; written++)
            {
                if (await finished.Reader.ReadAsync(aborted) is not { } status)
                {
                    continue;
                }

                await JsonSerializer.SerializeAsync(context.Response.Body, status, JsonDefaults.Options, aborted);
                await context.Response.Body.WriteAsync("\n"u8.ToArray(), aborted);
                if (finished.Reader.Count == 0)
                {
                    await context.Response.Body.FlushAsync(aborted);
                }
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away; it asks again for the jobs it has not seen.
        }
    }

    /// <summary>Writes the job's final status, or null when it was forgotten meanwhile (the stream then writes no line for it).</summary>
    private static async Task WatchAsync(IJobGrain job, ChannelWriter<JobStatus?> finished, CancellationToken aborted) =>
        finished.TryWrite(await JobEnd.UntilFinishedAsync(job, aborted));

    private static IResult? Ids(IReadOnlyList<string>? ids) =>
        ids is not { Count: > 0 and <= MaxJobs } ? ApiErrors.Invalid("ids", $"ids must list 1..{MaxJobs} job ids")
        : ids.Any(string.IsNullOrEmpty) ? ApiErrors.Invalid("ids", "ids must not hold empty ids")
        : null;
}
