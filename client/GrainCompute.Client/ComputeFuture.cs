using System.Globalization;
using System.Text.Json;
using GrainCompute.Client.Transport;

namespace GrainCompute.Client;

/// <summary>
/// A submitted job seen as a future, like concurrent.futures.Future or a Dask/Ray future: its status, its
/// result once done, its item results as they arrive, a cancel. <see cref="ComputeFuture{T}"/> adds the typed
/// result; this base holds what does not depend on it, so futures of different result types can be waited on
/// together (<see cref="ComputeClient.WaitAsync{TFuture}"/>, <see cref="ComputeClient.AsCompleted{TFuture}"/>).
/// </summary>
/// <remarks>
/// The end of the job is followed by one background long poll per future (POST /api/jobs/{id}/wait, up to five
/// minutes a call), started by the first caller that needs it and shared by all later ones: results and callbacks
/// never poll in a loop. A poll that fails (cluster unreachable, job forgotten) ends the shared wait with that error;
/// the next caller starts a new one. Disposing the client stops it. Waiting on many futures
/// (<see cref="ComputeClient.WaitAsync{TFuture}"/>, <see cref="ComputeClient.AsCompleted{TFuture}"/>) uses the
/// multi-job endpoints instead, one request per 10,000 jobs, and keeps each final status they bring in its future,
/// so that the shared wait then returns at once. Through Orleans (ConnectGatewayAsync, StartLocalAsync) the long poll
/// is a wait on the job's grain, and many futures have their final statuses pushed to the client instead.
/// A future of one call of a future group (<see cref="SubmitOptions.Grouped"/>) is no job of its own: its id is
/// "{group job}#{call}", its end comes from the group's results stream, and cancelling it cancels the group.
/// </remarks>
public abstract class ComputeFuture
{
    // The API bounds one wait at an hour; longer waits are a loop of shorter ones.
    private static readonly TimeSpan MaxWaitPerCall = TimeSpan.FromMinutes(5);

    private readonly ComputeClient _client;
    private readonly Lock _gate = new();

    // Guarded by _gate. The latest status seen; a finished one is never replaced by an unfinished one (a late answer to an earlier call).
    private JobStatus? _status;

    // Guarded by _gate. Null, or the shared wait for the job's end; a faulted or cancelled one is replaced on the next ask.
    private Task<JobStatus>? _finished;

    // Null for a job's future; for a call of a future group, the group and the call's index in it.
    private readonly FutureGroup? _group;
    private readonly int _call;

    private protected ComputeFuture(ComputeClient client, string id, JobStatus? status, bool submitted)
    {
        _client = client;
        Id = id;
        _status = status;
        Submitted = submitted ? status : null;
    }

    private protected ComputeFuture(FutureGroup group, int call, JobStatus status)
        : this(group.Job.Client, group.CallId(call), status, submitted: true)
    {
        _group = group;
        _call = call;
        group.Add(call, this);
    }

    /// <summary>For a call of a future group, the group's job (cancel, chunks and results of all its calls); null for a job's own future.</summary>
    public ComputeFuture? Group => _group?.Job;

    public string Id { get; }

    /// <summary>The client this future came from: its gateways serve the waits on it.</summary>
    internal ComputeClient Client => _client;

    /// <summary>Whether the client this future came from was disposed.</summary>
    private protected bool ClientDisposed => _client.Closing.IsCancellationRequested;

    /// <summary>The status the submit returned (null for a handle from <see cref="ComputeClient.GetJob"/> or <see cref="ComputeClient.AttachAsync"/>).</summary>
    public JobStatus? Submitted { get; }

    /// <summary>The last status this handle saw (from the submit, a status call, a wait, a cancel); null before any. <see cref="StatusAsync"/> asks the cluster.</summary>
    public JobStatus? Status
    {
        get
        {
            lock (_gate)
            {
                return _status;
            }
        }
    }

    /// <summary>True when the last known state is finished: completed, failed or cancelled (like Future.done(), without a request).</summary>
    public bool Done => Status?.IsFinished == true;

    /// <exception cref="ComputeApiException">404: no such job (or its retention ended).</exception>
    public async Task<JobStatus> StatusAsync(CancellationToken cancellationToken = default) =>
        Observe(_group is null
            ? await _client.Transport.StatusAsync(Id, cancellationToken).ConfigureAwait(false)
            : await _group.StatusAsync(_call, cancellationToken).ConfigureAwait(false));

    /// <summary>The job's chunks; for a call of a future group, the one chunk it runs in.</summary>
    public Task<IReadOnlyList<ChunkInfo>> ChunksAsync(CancellationToken cancellationToken = default) =>
        _group is null ? _client.Transport.ChunksAsync(Id, cancellationToken) : _group.ChunksAsync(_call, cancellationToken);

    /// <summary>
    /// Cancels the job: queued chunks never start, running kernels are told to stop. A finished job stays as it is.
    /// A call of a future group is no job of its own: this cancels its whole group, and returns the call's end.
    /// </summary>
    public async Task<JobStatus> CancelAsync(CancellationToken cancellationToken = default)
    {
        if (_group is null)
        {
            return Observe(await _client.Transport.CancelAsync(Id, cancellationToken).ConfigureAwait(false));
        }

        await _group.Job.CancelAsync(cancellationToken).ConfigureAwait(false);
        return Observe(await _group.WhenFinished(_call).WaitAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Waits on this job's chunks until <paramref name="returnWhen"/> holds (its first chunk done, its first chunk
    /// failed, all of it) or <paramref name="timeout"/> passes; <see cref="WaitOutcome.Satisfied"/> says which.
    /// To wait on several futures, see <see cref="ComputeClient.WaitAsync{TFuture}"/>.
    /// </summary>
    public async Task<WaitOutcome> WaitAsync(ReturnWhen returnWhen = ReturnWhen.AllCompleted, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        if (_group is not null)
        {
            // One call is one chunk: every condition is its end.
            try
            {
                return new WaitOutcome(true, await WhenFinished().WaitAsync(timeout ?? Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false));
            }
            catch (TimeoutException)
            {
                return new WaitOutcome(false, Status!);
            }
        }

        var left = timeout ?? Timeout.InfiniteTimeSpan;
        var deadline = left == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : TimeProvider.System.GetUtcNow() + left;
        while (true)
        {
            var slice = deadline == DateTimeOffset.MaxValue ? MaxWaitPerCall : TimeSpan.FromTicks(Math.Clamp((deadline - TimeProvider.System.GetUtcNow()).Ticks, 0, MaxWaitPerCall.Ticks));
            var outcome = await _client.Transport.WaitAsync(Id, returnWhen, slice, cancellationToken).ConfigureAwait(false);
            Observe(outcome.Status);
            if (outcome.Satisfied || outcome.Status.IsFinished || TimeProvider.System.GetUtcNow() >= deadline)
            {
                return outcome;
            }
        }
    }

    /// <summary>Waits for the job and returns its result (the reduction of all items) as <typeparamref name="T"/>; default when the kernel has none.</summary>
    /// <exception cref="ComputeTaskFailedException">The job failed.</exception>
    /// <exception cref="OperationCanceledException">The job was cancelled.</exception>
    public async Task<T?> ResultAsync<T>(CancellationToken cancellationToken = default)
    {
        var status = await WaitUntilFinishedAsync(null, cancellationToken).ConfigureAwait(false);
        ThrowIfUnsuccessful(status);
        return await ReadResultAsync<T>(status, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits for the job; the failure it ended with, or null when it completed (like Future.exception()).</summary>
    /// <exception cref="TimeoutException">The job did not finish within <paramref name="timeout"/> (null: no limit).</exception>
    /// <exception cref="OperationCanceledException">The job was cancelled.</exception>
    public async Task<ComputeTaskFailedException?> GetExceptionAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var status = await WaitUntilFinishedAsync(timeout, cancellationToken).ConfigureAwait(false);
        return status.State switch
        {
            JobState.Failed => new ComputeTaskFailedException(Id, status.Error),
            JobState.Cancelled => throw new OperationCanceledException($"job '{Id}' was cancelled"),
            _ => null,
        };
    }

    /// <summary>One page of results (GET /api/jobs/{id}/results): what is there now, without waiting.</summary>
    public Task<ResultsPage> ResultsPageAsync(ResultOrder order = ResultOrder.Input, long offset = 0, int limit = 1000, CancellationToken cancellationToken = default)
    {
        if (_group is null)
        {
            return _client.Transport.ResultsPageAsync(Id, order, offset, limit, cancellationToken);
        }

        // A call's items all arrive at its end, in one piece: input and completion order are the same.
        var items = _group.Items(_call);
        var page = items.Skip((int)Math.Min(offset, int.MaxValue)).Take(limit).ToList();
        return Task.FromResult(new ResultsPage(page, offset + page.Count, Done && offset + page.Count >= items.Count));
    }

    /// <summary>
    /// Every item's result as it becomes available, in <paramref name="order"/>, read from the NDJSON stream. A
    /// broken stream is reopened (on the next gateway if need be) from the count already delivered, so no
    /// item is missed or repeated.
    /// </summary>
    /// <param name="order">Input order (like map) or completion order (like as_completed).</param>
    /// <param name="offset">Skip this many results of that order.</param>
    /// <param name="cancellationToken">Stops reading (the job goes on).</param>
    public IAsyncEnumerable<ResultItem> ResultsAsync(ResultOrder order = ResultOrder.Input, long offset = 0, CancellationToken cancellationToken = default) =>
        _group is null ? _client.Transport.ResultsAsync(this, order, offset, cancellationToken) : CallItemsAsync(offset, cancellationToken);

    public override string ToString() => Id;

    /// <summary>The shared wait for the job's end (see the remarks on the class); completed at once when it is known to be finished.</summary>
    internal Task<JobStatus> WhenFinished()
    {
        if (_group is not null)
        {
            return _group.WhenFinished(_call); // the group keeps the end in this future
        }

        lock (_gate)
        {
            if (_status is { IsFinished: true } finished)
            {
                return Task.FromResult(finished);
            }

            if (_finished is null || _finished.IsFaulted || _finished.IsCanceled)
            {
                var closing = _client.Closing;
                _finished = Task.Run(() => PollUntilFinishedAsync(closing), CancellationToken.None);
            }

            return _finished;
        }
    }

    /// <summary>Every item's value in input order (for kernels without a reduction, whose result is their items).</summary>
    internal async Task<IReadOnlyList<TItem>> ItemsAsync<TItem>(CancellationToken cancellationToken)
    {
        var items = new List<TItem>();
        await foreach (var item in ResultsAsync(ResultOrder.Input, 0, cancellationToken).ConfigureAwait(false))
        {
            items.Add(item.GetValue<TItem>()!);
        }

        return items;
    }

    private protected async Task<JobStatus> WaitUntilFinishedAsync(TimeSpan? timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await WhenFinished().WaitAsync(timeout ?? Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException($"job '{Id}' did not finish within {timeout}; it is {Status?.State.ToString().ToLowerInvariant() ?? "unknown"}", exception);
        }
    }

    private protected void ThrowIfUnsuccessful(JobStatus status)
    {
        switch (status.State)
        {
            case JobState.Failed:
                throw new ComputeTaskFailedException(Id, status.Error);
            case JobState.Cancelled:
                throw new OperationCanceledException($"job '{Id}' was cancelled");
        }
    }

    private protected async Task<T?> ReadResultAsync<T>(JobStatus status, CancellationToken cancellationToken)
    {
        if (status.ResultTooLargeForStatus)
        {
            return await _client.Transport.ResultAsync<T>(Id, cancellationToken).ConfigureAwait(false);
        }

        return status.ResultJson is null ? default : JsonSerializer.Deserialize(status.ResultJson, ClientJson.Info<T>());
    }

    private async IAsyncEnumerable<ResultItem> CallItemsAsync(long offset, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await WhenFinished().WaitAsync(cancellationToken).ConfigureAwait(false);
        foreach (var item in _group!.Items(_call).Skip((int)Math.Min(offset, int.MaxValue)))
        {
            yield return item;
        }
    }

    private async Task<JobStatus> PollUntilFinishedAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var outcome = await _client.Transport.WaitAsync(Id, ReturnWhen.AllCompleted, MaxWaitPerCall, cancellationToken).ConfigureAwait(false);
            var status = Observe(outcome.Status);
            if (status.IsFinished)
            {
                return status;
            }
        }
    }

    /// <summary>Keeps <paramref name="status"/> as the latest seen unless a finished one is already kept; returns the kept one.</summary>
    internal JobStatus Observe(JobStatus status)
    {
        lock (_gate)
        {
            if (_status is not { IsFinished: true } || status.IsFinished)
            {
                _status = status;
            }

            return _status;
        }
    }
}
