using System.Text.Json;
using GrainCompute.Server.Api;

namespace GrainCompute.Server.Dashboard;

/// <summary>
/// GET {dashboard}/api/events: Server-Sent Events, one "update" a second until the client goes. Each carries the
/// cluster, the jobs list and the chart points the client has not had yet; with ?job=ID also that job's page.
/// </summary>
internal static class DashboardEvents
{
    public static async Task StreamAsync(HttpContext context, DashboardCollector collector, JobsView jobs, TimeProvider time, string? job)
    {
        var aborted = context.RequestAborted;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        long sentUpTo = 0;
        using var ticks = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            do
            {
                var collected = await collector.CollectAsync(aborted);
                var list = await jobs.ListAsync(cancellationToken: aborted);
                var detail = job is null ? null : await TryDetailAsync(jobs, job);
                var history = collected.History.Where(h => h.UnixSeconds > sentUpTo).ToList();
                sentUpTo = history.Count > 0 ? history[^1].UnixSeconds : sentUpTo;
                var update = new DashboardUpdate(collected.Cluster, list, history, detail);
                await context.Response.WriteAsync($"event: update\ndata: {JsonSerializer.Serialize(update, JsonDefaults.Options)}\n\n", aborted);
                await context.Response.Body.FlushAsync(aborted);
            }
            while (await ticks.WaitForNextTickAsync(aborted));
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The page closed or navigated away.
        }
    }

    private static async Task<JobDetail?> TryDetailAsync(JobsView jobs, string id)
    {
        try
        {
            return await jobs.DetailAsync(id);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return null;
        }
    }
}
