using System.Diagnostics;
using GrainCompute.Client;
using GrainCompute.Console.Output;

namespace GrainCompute.Console.Commands;

/// <summary>
/// Submits a job and follows it to the end, showing progress on stderr (<see cref="ProgressStyle"/>); times it end to
/// end. The wait is the server's long poll in slices, so a job that ends mid-slice is seen at once.
/// </summary>
internal static class JobFollower
{
    /// <summary>One plain line per slice: the cadence scripts and CI logs have always seen.</summary>
    private static readonly TimeSpan LineEvery = TimeSpan.FromSeconds(1);

    /// <summary>The bar redraws twice a second; a job over within the first slice never draws it.</summary>
    private static readonly TimeSpan BarEvery = TimeSpan.FromSeconds(0.5);

    public sealed record Timed(JobStatus Status, double Seconds);

    public static async Task<Timed> RunAsync(ComputeClient client, string kernel, object? parameters, int? chunkSize, ProgressStyle progress, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var job = await client.SubmitAsync(kernel, parameters, new SubmitOptions(chunkSize), cancellationToken).ConfigureAwait(false);
        var status = await FollowAsync(job, progress, cancellationToken).ConfigureAwait(false);
        return new Timed(status, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>Follows the job to its end; on an interruption (Ctrl+C) cancels it, best effort, and rethrows.</summary>
    public static async Task<JobStatus> FollowAsync(ComputeFuture job, ProgressStyle progress, CancellationToken cancellationToken)
    {
        try
        {
            var slice = progress == ProgressStyle.Bar ? BarEvery : LineEvery;
            var rate = new ProgressRate();
            var clock = Stopwatch.StartNew();
            rate.Add(TimeSpan.Zero, job.Status?.ItemsDone ?? 0);
            var first = await NextAsync(job, ReturnWhen.AllCompleted, slice, cancellationToken).ConfigureAwait(false);
            if (first.Status.IsFinished)
            {
                return first.Status;
            }

            return progress == ProgressStyle.Bar
                ? await WithBarAsync(rate, clock, first.Status, report => UntilFinishedAsync(job, slice, null, report, cancellationToken)).ConfigureAwait(false)
                : await UntilFinishedAsync(job, slice, first.Status, progress == ProgressStyle.Lines ? WriteLine : null, cancellationToken).ConfigureAwait(false);
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
    }

    /// <summary>
    /// `jobs wait`: waits until <paramref name="returnWhen"/> holds or <paramref name="timeout"/> passes, with a bar on
    /// a terminal; otherwise one wait, no progress, as scripts expect. An interruption leaves the job running.
    /// </summary>
    public static async Task<WaitOutcome> WaitAsync(ComputeFuture job, ReturnWhen returnWhen, TimeSpan? timeout, ProgressStyle progress, CancellationToken cancellationToken)
    {
        if (progress != ProgressStyle.Bar)
        {
            return await job.WaitAsync(returnWhen, timeout, cancellationToken).ConfigureAwait(false);
        }

        var deadline = timeout is { } limit ? Stopwatch.GetTimestamp() + (long)Math.Min(limit.TotalSeconds * Stopwatch.Frequency, long.MaxValue / 4) : long.MaxValue;
        var clock = Stopwatch.StartNew();
        var first = await NextAsync(job, returnWhen, Slice(BarEvery, deadline), cancellationToken).ConfigureAwait(false);
        if (Ended(first, deadline))
        {
            return first;
        }

        WaitOutcome? last = null;
        await WithBarAsync(new ProgressRate(), clock, first.Status, async report =>
        {
            last = await UntilOutcomeAsync(job, returnWhen, deadline, report, cancellationToken).ConfigureAwait(false);
            return last.Status;
        }).ConfigureAwait(false);
        return last!;
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

    private static Task<WaitOutcome> NextAsync(ComputeFuture job, ReturnWhen returnWhen, TimeSpan slice, CancellationToken cancellationToken) =>
        job.WaitAsync(returnWhen, slice, cancellationToken);

    private static async Task<JobStatus> UntilFinishedAsync(ComputeFuture job, TimeSpan slice, JobStatus? first, Action<JobStatus>? report, CancellationToken cancellationToken)
    {
        if (first is not null)
        {
            report?.Invoke(first);
        }

        while (true)
        {
            var outcome = await NextAsync(job, ReturnWhen.AllCompleted, slice, cancellationToken).ConfigureAwait(false);
            if (outcome.Status.IsFinished)
            {
                return outcome.Status;
            }

            report?.Invoke(outcome.Status);
        }
    }

    private static async Task<WaitOutcome> UntilOutcomeAsync(ComputeFuture job, ReturnWhen returnWhen, long deadline, Action<JobStatus> report, CancellationToken cancellationToken)
    {
        while (true)
        {
            var outcome = await NextAsync(job, returnWhen, Slice(BarEvery, deadline), cancellationToken).ConfigureAwait(false);
            report(outcome.Status);
            if (Ended(outcome, deadline))
            {
                return outcome;
            }
        }
    }

    private static bool Ended(WaitOutcome outcome, long deadline) =>
        outcome.Satisfied || outcome.Status.IsFinished || Stopwatch.GetTimestamp() >= deadline;

    private static TimeSpan Slice(TimeSpan every, long deadline) =>
        deadline == long.MaxValue ? every : TimeSpan.FromSeconds(Math.Clamp((deadline - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency, 0, every.TotalSeconds));

    private static void WriteLine(JobStatus status) => System.Console.Error.WriteLine(Formats.Progress(status));

    // Kept out of the callers' bodies so that Spectre.Console loads only when a bar is drawn.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static Task<JobStatus> WithBarAsync(ProgressRate rate, Stopwatch clock, JobStatus first, Func<Action<JobStatus>, Task<JobStatus>> follow) =>
        ProgressBar.ShowAsync(System.Console.Error, ProgressStyles.Color(Environment.GetEnvironmentVariable), rate, clock, first, follow);
}
