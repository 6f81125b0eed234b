using System.Text.Json;
using GrainCompute.Grains;
using GrainCompute.Server.Hosting;

namespace GrainCompute.Server.Api;

/// <summary>
/// GET /api/jobs/{id}/results/stream: results as they become available, as NDJSON (one item a line) or, when
/// the client accepts text/event-stream, as Server-Sent Events whose ids are offsets. Resumable: pass
/// ?offset=N (or Last-Event-ID) to continue after N items, with no gap and no duplicate.
/// </summary>
internal static class ResultStreaming
{
    public static async Task StreamAsync(string id, HttpContext context, IGrainFactory grains, string? order, long? offset)
    {
        if (!ComputeApi.TryParseOrder(order, out var parsed))
        {
            await ApiErrors.Invalid("order", $"order must be 'input' or 'completion', not '{order}'").ExecuteAsync(context);
            return;
        }

        var position = offset ?? (long.TryParse(context.Request.Headers["Last-Event-ID"], out var last) ? last : 0);
        if (position < 0)
        {
            await ApiErrors.Invalid("offset", "offset must be ≥ 0").ExecuteAsync(context);
            return;
        }

        var job = ComputeApi.Job(grains, id);
        var sse = context.Request.Headers.Accept.Any(a => a?.Contains("text/event-stream", StringComparison.Ordinal) == true);
        var aborted = context.RequestAborted;
        ResultsPage page;
        try
        {
            page = await job.GetResults(parsed, position, 1000);
        }
        catch (Exception exception)
        {
            await ApiErrors.ToProblem(exception).ExecuteAsync(context);
            return;
        }

        context.Response.ContentType = sse ? "text/event-stream" : "application/x-ndjson";

        // Headers now, not with the first item: a job with nothing finished yet must not look like a gateway that hangs.
        await context.Response.Body.FlushAsync(aborted);
        var finished = 0;
        while (!aborted.IsCancellationRequested)
        {
            foreach (var item in page.Items)
            {
                var line = JsonSerializer.Serialize(new StreamedItem(item.Index, item.Seq, item.ValueJson is null ? null : JsonDocument.Parse(item.ValueJson).RootElement, item.Error), JsonDefaults.Options);
                position++;
                await context.Response.WriteAsync(sse ? $"id: {position}\ndata: {line}\n\n" : line + "\n", aborted);
            }

            await context.Response.Body.FlushAsync(aborted);
            if (page.Complete)
            {
                if (sse)
                {
                    await context.Response.WriteAsync("event: end\ndata: {}\n\n", aborted);
                }

                return;
            }

            if (page.Items.Count == 0)
            {
                // Nothing new yet: park on the job until another chunk finishes.
                finished = await job.WaitForProgress(finished, 10);
            }

            page = await job.GetResults(parsed, position, 1000);
        }
    }

    private sealed record StreamedItem(long Index, long Seq, JsonElement? Value, string? Error);
}
