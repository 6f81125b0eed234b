namespace GrainCompute.Client;

/// <summary>A future whose result is a <typeparamref name="T"/>: what <see cref="ComputeClient.SubmitAsync{T}"/> and the typed kernels return.</summary>
public sealed class ComputeFuture<T> : ComputeFuture
{
    // Null: the result is the job's result (its reduction) as T. Set for kernels whose result is their items.
    private readonly Func<ComputeFuture<T>, CancellationToken, Task<T>>? _readResult;

    internal ComputeFuture(ComputeClient client, string id, JobStatus? status, bool submitted, Func<ComputeFuture<T>, CancellationToken, Task<T>>? readResult = null)
        : base(client, id, status, submitted)
    {
        _readResult = readResult;
    }

    /// <summary>A call of a future group.</summary>
    internal ComputeFuture(FutureGroup group, int call, JobStatus status)
        : base(group, call, status)
    {
    }

    /// <summary>Waits for the job and returns its result (like Future.result(timeout)); default when the kernel has no result.</summary>
    /// <param name="timeout">How long to wait; null waits until the job ends.</param>
    /// <param name="cancellationToken">Stops waiting (the job goes on; <see cref="ComputeFuture.CancelAsync"/> stops it).</param>
    /// <exception cref="TimeoutException">The job did not finish within <paramref name="timeout"/>.</exception>
    /// <exception cref="ComputeTaskFailedException">The job failed: the remote type and message, and this future's id.</exception>
    /// <exception cref="OperationCanceledException">The job was cancelled, or <paramref name="cancellationToken"/> fired.</exception>
    public async Task<T> GetResultAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var status = await WaitUntilFinishedAsync(timeout, cancellationToken).ConfigureAwait(false);
        ThrowIfUnsuccessful(status);
        return _readResult is null
            ? (await ReadResultAsync<T>(status, cancellationToken).ConfigureAwait(false))!
            : await _readResult(this, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Calls <paramref name="callback"/> once, on a pool thread, when the job ends (at once if it already has), like
    /// Future.add_done_callback. It runs off the future's shared background wait, so it costs no polling. If following
    /// the job fails (cluster unreachable, job forgotten) it is called too, and <see cref="GetResultAsync"/> reports
    /// why; after the client is disposed it is not called. An exception it throws is not caught here: it goes to
    /// <see cref="TaskScheduler.UnobservedTaskException"/>.
    /// </summary>
    public void OnCompleted(Action<ComputeFuture<T>> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        _ = WhenFinished().ContinueWith(
            finished =>
            {
                _ = finished.Exception; // observed here; GetResultAsync reports it
                // Never after the client is disposed: a poll cut short by the dispose may end faulted, not cancelled.
                if (!finished.IsCanceled && !ClientDisposed)
                {
                    callback(this);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.None,
            TaskScheduler.Default);
    }
}
