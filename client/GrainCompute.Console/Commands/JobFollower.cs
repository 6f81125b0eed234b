using System.Diagnostics;
using GrainCompute.Client;
using GrainCompute.Console.Output;

namespace GrainCompute.Console.Commands;

/// <summary>Submits a job and follows it to the end, writing progress to stderr; times it end to end.</summary>
internal static class JobFollower
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(1);

    public sealed record Timed(JobStatus Status, double Seconds);

    public static async Task<Timed> RunAsync(ComputeClient client, string kernel, object? parameters, int? chunkSize, bool progress, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var job = await client.SubmitAsync(kernel, parameters, new SubmitOptions(chunkSize), cancellationToken).ConfigureAwait(false);
        var status = await FollowAsync(job, progress, cancellationToken).ConfigureAwait(false);
        return new Timed(status, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>Waits in one-second slices; after each, a progress line (a new line on non-terminals, rewritten on a terminal).</summary>
    public static async Task<JobStatus> FollowAsync(ComputeFuture job, bool progress, CancellationToken cancellationToken)
    {
        var terminal = !System.Console.IsErrorRedirected;
        try
        {
            while (true)
            {
                var outcome = await job.WaitAsync(ReturnWhen.AllCompleted, ProgressEvery, cancellationToken).ConfigureAwait(false);
                if (outcome.Status.IsFinished)
                {
                    return outcome.Status;
                }

                if (progress)
                {
                    await System.Console.Error.WriteAsync(terminal ? $"\r{Formats.Progress(outcome.Status)}   " : Formats.Progress(outcome.Status) + "\n").ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: the job would go on using the cluster; cancel it on the way out.
            // Best effort: if the cluster cannot be reached the interruption still ends the command (exit 130).
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await job.CancelAsync(grace.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is ComputeUnreachableException or ComputeApiException or OperationCanceledException)
            {
            }

            throw;
        }
        finally
        {
            if (progress && terminal)
            {
                await System.Console.Error.WriteAsync("\r" + new string(' ', 78) + "\r").ConfigureAwait(false);
            }
        }
    }

    /// <summary>The result to print: the reduction, or for kernels without one (a plain map) the first items.</summary>
    public static async Task<string> DescribeResultAsync(ComputeClient client, JobStatus status, int maxItems, int maxChars, CancellationToken cancellationToken)
    {
        if (status.State != JobState.Completed || status.ResultJson is not "null")
        {
            return Formats.Result(status, maxChars);
        }

        var page = await client.GetJob(status.Id).ResultsPageAsync(ResultOrder.Input, 0, maxItems, cancellationToken).ConfigureAwait(false);
        var values = string.Join(",", page.Items.Select(i => i.Value?.GetRawText() ?? "null"));
        var text = page.Items.Count < status.Items ? $"[{values},… ({status.Items} items)]" : $"[{values}]";
        return text.Length <= maxChars ? text : string.Concat(text.AsSpan(0, maxChars - 1), "…");
    }
}
