using System.Runtime.CompilerServices;

namespace GrainCompute.Client;

/// <summary>Waiting on many futures at once, as concurrent.futures' as_completed and wait.</summary>
public sealed partial class ComputeClient
{
    /// <summary>
    /// Yields each future once, as it finishes (completed, failed or cancelled), like concurrent.futures.as_completed:
    /// finished ones first, then in the order they end. Every future is followed by its own long poll, all at once.
    /// </summary>
    /// <param name="futures">Futures of any clients; a future given twice is yielded once.</param>
    /// <param name="timeout">Null: no limit. Otherwise a <see cref="TimeoutException"/> once it passes with futures left.</param>
    /// <param name="cancellationToken">Stops waiting (the jobs go on).</param>
    /// <exception cref="TimeoutException">Some futures did not finish within <paramref name="timeout"/>.</exception>
    public static async IAsyncEnumerable<TFuture> AsCompleted<TFuture>(IEnumerable<TFuture> futures, TimeSpan? timeout = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TFuture : ComputeFuture
    {
        ArgumentNullException.ThrowIfNull(futures);
        var all = futures.Distinct().ToList();
        using var deadline = Deadline(timeout, cancellationToken);
        var left = all.Count;
        var finishing = Task.WhenEach(all.Select(f => FinishedAsync(f))).WithCancellation(deadline.Token).ConfigureAwait(false);
        await using var next = finishing.GetAsyncEnumerator();
        while (true)
        {
            TFuture finished;
            try
            {
                if (!await next.MoveNextAsync())
                {
                    yield break;
                }

                finished = await next.Current.ConfigureAwait(false); // a failed poll (unreachable, forgotten job) is the caller's error
            }
            catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"{left} of {all.Count} futures did not finish within {timeout}", exception);
            }

            left--;
            yield return finished;
        }
    }

    /// <summary>
    /// Waits until <paramref name="returnWhen"/> holds for <paramref name="futures"/> or <paramref name="timeout"/>
    /// passes, like concurrent.futures.wait: FirstCompleted (any finished), FirstException (any failed, else all
    /// finished), AllCompleted. A timeout is not an error: the answer then says what is done so far.
    /// </summary>
    /// <returns>The finished futures and the others; deconstructs as <c>var (done, notDone) = …</c>.</returns>
    public static async Task<DoneAndNotDone<TFuture>> WaitAsync<TFuture>(IEnumerable<TFuture> futures, ReturnWhen returnWhen = ReturnWhen.AllCompleted, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        where TFuture : ComputeFuture
    {
        ArgumentNullException.ThrowIfNull(futures);
        var all = futures.Distinct().ToList();
        using var deadline = Deadline(timeout, cancellationToken);
        try
        {
            if (!Holds(returnWhen, all))
            {
                await foreach (var finished in Task.WhenEach(all.Select(f => FinishedAsync(f))).WithCancellation(deadline.Token).ConfigureAwait(false))
                {
                    await finished.ConfigureAwait(false); // a failed poll (unreachable, forgotten job) is the caller's error
                    if (Holds(returnWhen, all))
                    {
                        break;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
        {
            // The timeout passed: report what is done by now.
        }

        return new DoneAndNotDone<TFuture>(all.Where(f => f.Done).ToHashSet(), all.Where(f => !f.Done).ToHashSet());
    }

    private static bool Holds(ReturnWhen returnWhen, IReadOnlyList<ComputeFuture> futures) => returnWhen switch
    {
        ReturnWhen.FirstCompleted => futures.Count == 0 || futures.Any(f => f.Done),
        ReturnWhen.FirstException => futures.Any(f => f.Status?.State == JobState.Failed) || futures.All(f => f.Done),
        _ => futures.All(f => f.Done),
    };

    private static async Task<TFuture> FinishedAsync<TFuture>(TFuture future)
        where TFuture : ComputeFuture
    {
        await future.WhenFinished().ConfigureAwait(false);
        return future;
    }

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
