using System.Runtime.CompilerServices;
using System.Threading.Channels;
using GrainCompute.Client.Transport;

namespace GrainCompute.Client;

/// <summary>Waiting on many futures at once, as concurrent.futures' as_completed and wait.</summary>
public sealed partial class ComputeClient
{
    /// <summary>
    /// Yields each future once, as it finishes (completed, failed or cancelled), like concurrent.futures.as_completed:
    /// finished ones first, then in the order they end. The ends are read from one stream per 10,000 jobs
    /// (POST /api/jobs/completions), which also brings each job's final status, so a yielded future's result is read
    /// without another request.
    /// </summary>
    /// <param name="futures">Futures of any clients; a future given twice is yielded once.</param>
    /// <param name="timeout">Null: no limit. Otherwise a <see cref="TimeoutException"/> once it passes with futures left.</param>
    /// <param name="cancellationToken">Stops waiting (the jobs go on).</param>
    /// <exception cref="TimeoutException">Some futures did not finish within <paramref name="timeout"/>.</exception>
    /// <exception cref="ComputeApiException">Following was refused (404: a job unknown or forgotten).</exception>
    /// <exception cref="ComputeUnreachableException">No gateway answered, or the streams kept breaking.</exception>
    public static async IAsyncEnumerable<TFuture> AsCompleted<TFuture>(IEnumerable<TFuture> futures, TimeSpan? timeout = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TFuture : ComputeFuture
    {
        ArgumentNullException.ThrowIfNull(futures);
        var all = futures.Distinct().ToList();
        var finishedAlready = all.Where(f => f.Done).ToList();
        var pending = all.Except(finishedAlready).ToList();
        var left = all.Count;
        foreach (var future in finishedAlready)
        {
            left--;
            yield return future;
        }

        if (pending.Count == 0)
        {
            yield break;
        }

        using var deadline = Deadline(timeout, cancellationToken);
        var finished = Channel.CreateUnbounded<TFuture>(new UnboundedChannelOptions { SingleReader = true });
        var following = CompletionStream.FollowAsync(pending, finished.Writer, deadline.Token);
        try
        {
            await using var next = finished.Reader.ReadAllAsync(deadline.Token).GetAsyncEnumerator(deadline.Token);
            while (true)
            {
                try
                {
                    if (!await next.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }
                }
                catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
                {
                    throw new TimeoutException($"{left} of {all.Count} futures did not finish within {timeout}", exception);
                }

                left--;
                yield return next.Current;
            }
        }
        finally
        {
            // The consumer may stop early: end the streams too. FollowAsync never throws.
            await deadline.CancelAsync().ConfigureAwait(false);
            await following.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Waits until <paramref name="returnWhen"/> holds for <paramref name="futures"/> or <paramref name="timeout"/>
    /// passes, like concurrent.futures.wait: FirstCompleted (any finished), FirstException (any failed, else all
    /// finished), AllCompleted. A timeout is not an error: the answer then says what is done so far. One long poll per
    /// 10,000 jobs (POST /api/jobs/wait), whose answers keep each finished job's final status in its future, so
    /// reading the results of the done ones needs no request.
    /// </summary>
    /// <returns>The finished futures and the others; deconstructs as <c>var (done, notDone) = …</c>.</returns>
    /// <exception cref="ComputeApiException">A wait was refused (404: a job unknown or forgotten).</exception>
    /// <exception cref="ComputeUnreachableException">No gateway answered.</exception>
    public static async Task<DoneAndNotDone<TFuture>> WaitAsync<TFuture>(IEnumerable<TFuture> futures, ReturnWhen returnWhen = ReturnWhen.AllCompleted, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        where TFuture : ComputeFuture
    {
        ArgumentNullException.ThrowIfNull(futures);
        var all = futures.Distinct().ToList();
        if (!Holds(returnWhen, all))
        {
            await WaitMany.WaitAsync([.. all.Where(f => !f.Done)], returnWhen, () => Holds(returnWhen, all), timeout, cancellationToken).ConfigureAwait(false);
        }

        return new DoneAndNotDone<TFuture>(all.Where(f => f.Done).ToHashSet(), all.Where(f => !f.Done).ToHashSet());
    }

    private static bool Holds(ReturnWhen returnWhen, IReadOnlyList<ComputeFuture> futures) => returnWhen switch
    {
        ReturnWhen.FirstCompleted => futures.Count == 0 || futures.Any(f => f.Done),
        ReturnWhen.FirstException => futures.Any(f => f.Status?.State == JobState.Failed) || futures.All(f => f.Done),
        _ => futures.All(f => f.Done),
    };

    private static CancellationTokenSource Deadline(TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } limit && limit != Timeout.InfiniteTimeSpan)
        {
            deadline.CancelAfter(limit);
        }

        return deadline;
    }
}
