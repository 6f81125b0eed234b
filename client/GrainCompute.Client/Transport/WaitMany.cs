using System.Runtime.ExceptionServices;

namespace GrainCompute.Client.Transport;

/// <summary>
/// Waits on many futures with one long poll (over HTTP, POST /api/jobs/wait) per slice of up to 10,000 jobs (not one per future),
/// each held by the server at most <see cref="MaxHoldPerCall"/> and asked again with the jobs still not done, all
/// slices at once. Every final status answered is kept in its futures, so reading their results needs no request.
/// Stops when the caller's condition holds (the other slices' polls are cancelled) or once an answer comes after
/// the deadline: the last poll before it is asked to end at it, so what finished by then is known. Calls of future
/// groups are waited on through their groups' readers, not polled.
/// </summary>
internal static class WaitMany
{
    public static readonly TimeSpan MaxHoldPerCall = TimeSpan.FromSeconds(30);

    /// <param name="pending">The futures not known to be done.</param>
    /// <param name="returnWhen">Sent to the server for each slice: the condition there is the caller's, applied to the slice.</param>
    /// <param name="holds">The caller's condition over all its futures, checked after each answer.</param>
    /// <param name="timeout">Null: no limit.</param>
    /// <param name="cancellationToken">Stops waiting at once.</param>
    /// <exception cref="ComputeApiException">A poll was refused (404: a job unknown or forgotten).</exception>
    /// <exception cref="ComputeUnreachableException">No gateway answered a poll.</exception>
    public static async Task WaitAsync<TFuture>(IReadOnlyList<TFuture> pending, ReturnWhen returnWhen, Func<bool> holds, TimeSpan? timeout, CancellationToken cancellationToken)
        where TFuture : ComputeFuture
    {
        if (pending.Count == 0)
        {
            return;
        }

        var time = pending[0].Client.Time;
        var deadline = timeout is { } limit && limit != Timeout.InfiniteTimeSpan ? time.GetTimestamp() + (long)(limit.TotalSeconds * time.TimestampFrequency) : long.MaxValue;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var polls = JobSlice<TFuture>.Of(pending.Where(f => f.Group is null)).Select(slice => PollAsync(slice, returnWhen, holds, time, deadline, stop)).ToList();
        if (pending.Where(f => f.Group is not null).ToList() is { Count: > 0 } calls)
        {
            polls.Add(WaitCallsAsync(calls, returnWhen, holds, timeout, stop));
        }

        try
        {
            await Task.WhenAll(polls).ConfigureAwait(false);
        }
        catch (Exception) when (polls.All(p => p.IsCompleted))
        {
            // Sorted out below: a sibling's cancellation is not the error to report.
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (polls.Where(p => p.IsFaulted).Select(p => p.Exception!.InnerException!).FirstOrDefault() is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }

    /// <summary>
    /// Waits for calls of future groups as their ends arrive. The caller's condition is checked only when it can have
    /// come true (a first end, a failure, the last end): checking it after each of 10⁵ ends would cost 10¹⁰ looks.
    /// </summary>
    private static async Task WaitCallsAsync<TFuture>(IReadOnlyList<TFuture> calls, ReturnWhen returnWhen, Func<bool> holds, TimeSpan? timeout, CancellationTokenSource stop)
        where TFuture : ComputeFuture
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
        if (timeout is { } limit && limit != Timeout.InfiniteTimeSpan)
        {
            deadline.CancelAfter(limit);
        }

        try
        {
            var left = calls.Count;
            await foreach (var end in Task.WhenEach(calls.Select(c => c.WhenFinished())).WithCancellation(deadline.Token).ConfigureAwait(false))
            {
                var status = await end.ConfigureAwait(false);
                var mayHold = --left == 0 || returnWhen == ReturnWhen.FirstCompleted || (returnWhen == ReturnWhen.FirstException && status.State == JobState.Failed);
                if (mayHold && holds())
                {
                    await stop.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            // The timeout passed: not an error, the answer says what is done.
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            throw;
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task PollAsync<TFuture>(JobSlice<TFuture> slice, ReturnWhen returnWhen, Func<bool> holds, TimeProvider time, long deadline, CancellationTokenSource stop)
        where TFuture : ComputeFuture
    {
        try
        {
            IReadOnlyCollection<string> notDone = slice.Ids;
            while (notDone.Count > 0)
            {
                var left = deadline == long.MaxValue ? MaxHoldPerCall : TimeSpan.FromSeconds(Math.Max(0, (deadline - time.GetTimestamp()) / (double)time.TimestampFrequency));
                var hold = left < MaxHoldPerCall ? left : MaxHoldPerCall;
                var answer = await slice.Client.Transport.WaitManyAsync(notDone, returnWhen, hold, stop.Token).ConfigureAwait(false);
                foreach (var status in answer.Done)
                {
                    slice.Observe(status);
                }

                if (holds())
                {
                    await stop.CancelAsync().ConfigureAwait(false);
                    return;
                }

                if (time.GetTimestamp() >= deadline)
                {
                    return;
                }

                notDone = [.. answer.NotDone.Where(slice.Futures.ContainsKey)];
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            throw;
        }
        catch
        {
            // This slice cannot be followed: the wait fails, so the other slices need not go on.
            await stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }
}
