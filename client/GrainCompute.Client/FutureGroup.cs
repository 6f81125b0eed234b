using System.Globalization;
using System.Text.Json;

namespace GrainCompute.Client;

/// <summary>
/// The calls of one future group (<see cref="SubmitOptions.Grouped"/>): one job of the kernel "group:{kernel}"
/// whose item i is call i's outcome, seen as one future per call. One reader per group follows the job's results
/// in completion order and finishes each call's future as its item arrives, so ten thousand futures cost one
/// stream, not ten thousand waits.
/// </summary>
/// <remarks>
/// The reader starts with the first caller that needs a call's end and is shared by all; when it fails (cluster
/// unreachable, job forgotten) the callers waiting get that error and the next caller starts it again from the
/// count already read (the stream resumes without gap or duplicate). A waiter waits on its call's end alone, never
/// on the reader: ten thousand waiters on one task made every end a search through their continuations. When the
/// job ends without a call's item (a chunk failed past its retries, or the group was cancelled) that call ends as
/// the group did.
/// </remarks>
internal sealed class FutureGroup
{
    private readonly Lock _gate = new();

    // Each call's end; an unfinished call's entry is replaced (under _gate) when a reader fails, so that the waiters
    // of that reader get its error and later ones wait on the next reader.
    private readonly TaskCompletionSource<JobStatus>[] _ends;
    private readonly ComputeFuture?[] _futures;
    private readonly JsonElement[]?[] _items;

    // Guarded by _gate: the reader, while one runs or after it failed. _read: how many results it has read; only the
    // reader writes it, and a new reader starts only after the last one ended.
    private Task? _reader;
    private long _read;

    public FutureGroup(ComputeFuture job, string kernel, int calls)
    {
        Job = job;
        Kernel = kernel;
        _ends = new TaskCompletionSource<JobStatus>[calls];
        _items = new JsonElement[calls][];
        _futures = new ComputeFuture?[calls];
        for (var i = 0; i < calls; i++)
        {
            _ends[i] = NewEnd();
        }
    }

    /// <summary>The group's job ("group:noop").</summary>
    public ComputeFuture Job { get; }

    /// <summary>The kernel each call runs ("noop").</summary>
    public string Kernel { get; }

    /// <summary>Makes <paramref name="future"/> the future of <paramref name="call"/>: its status is kept as the call ends.</summary>
    public void Add(int call, ComputeFuture future) => _futures[call] = future;

    /// <summary>A call's future id: the group's job id and the call's index, which no job id can be (no '#' in them).</summary>
    public string CallId(int call) => $"{Job.Id}#{call.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A call's status before it ended, from the group's: waiting, queued or running as the group is.</summary>
    public JobStatus Pending(int call, JobStatus group) =>
        Status(call, group.IsFinished ? JobState.Running : group.State, group, result: null, error: null, finished: null);

    /// <summary>The call's final status, once the reader has seen it.</summary>
    public Task<JobStatus> WhenFinished(int call)
    {
        lock (_gate)
        {
            var end = _ends[call].Task;
            if (!end.IsCompleted && (_reader is null || _reader.IsCompleted))
            {
                // None reads (not yet, or the last one failed): start one, which ends this call one way or the other.
                var closing = Job.Client.Closing;
                _reader = Task.Run(() => ReadAsync(closing), CancellationToken.None);
            }

            return end;
        }
    }

    public async Task<JobStatus> StatusAsync(int call, CancellationToken cancellationToken)
    {
        if (_ends[call].Task.IsCompleted)
        {
            return await _ends[call].Task.ConfigureAwait(false);
        }

        var group = await Job.StatusAsync(cancellationToken).ConfigureAwait(false);
        // An ended group has its every call's end in the stream: read it there rather than guess.
        return group.IsFinished ? await WhenFinished(call).WaitAsync(cancellationToken).ConfigureAwait(false) : Pending(call, group);
    }

    /// <summary>The chunk the call runs in.</summary>
    public async Task<IReadOnlyList<ChunkInfo>> ChunksAsync(int call, CancellationToken cancellationToken) =>
        [.. (await Job.ChunksAsync(cancellationToken).ConfigureAwait(false)).Where(c => c.Start <= call && call < c.Start + c.Count)];

    /// <summary>The items of a call whose kernel's result is its items (none for other kernels), once it ended.</summary>
    public IReadOnlyList<ResultItem> Items(int call)
    {
        if (!_ends[call].Task.IsCompletedSuccessfully || _items[call] is not { } items)
        {
            return [];
        }

        var results = new ResultItem[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            results[i] = new ResultItem(i, 0, items[i], null);
        }

        return results;
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            lock (_gate)
            {
                for (var call = 0; call < _ends.Length; call++)
                {
                    if (!_ends[call].Task.IsCompleted)
                    {
                        var failed = _ends[call];
                        _ends[call] = NewEnd();
                        failed.TrySetException(exception);
                    }
                }
            }
        }
    }

    private async Task ReadToEndAsync(CancellationToken cancellationToken)
    {
        JobStatus? group = null;
        await foreach (var item in Job.ResultsAsync(ResultOrder.Completion, _read, cancellationToken).ConfigureAwait(false))
        {
            group ??= Job.Status;
            Finish(checked((int)item.Index), item, group);
            _read++;
        }

        // The stream ends with the job: the calls it did not bring ended with their group.
        group = await Job.WhenFinished().WaitAsync(cancellationToken).ConfigureAwait(false);
        for (var call = 0; call < _ends.Length; call++)
        {
            if (!_ends[call].Task.IsCompleted)
            {
                var error = group.State == JobState.Completed ? "its result never arrived" : group.Error;
                End(call, Status(call, group.State == JobState.Cancelled ? JobState.Cancelled : JobState.Failed, group, null, error, group.Finished));
            }
        }
    }

    private void Finish(int call, ResultItem item, JobStatus? group)
    {
        var now = Job.Client.Time.GetUtcNow();
        if (item.Error is { } chunkError)
        {
            // The call's chunk ended without results: its error, or the name of its state when it has none ("Cancelled").
            var cancelled = chunkError.StartsWith("Cancel", StringComparison.OrdinalIgnoreCase);
            End(call, Status(call, cancelled ? JobState.Cancelled : JobState.Failed, group, null, cancelled ? null : $"call {call} failed: {chunkError}", now));
        }
        else if (item.Value is not { ValueKind: JsonValueKind.Object } outcome)
        {
            End(call, Status(call, JobState.Failed, group, null, $"call {call} failed: its outcome is not a JSON object but {item.Value?.ValueKind.ToString() ?? "missing"}", now));
        }
        else if (outcome.TryGetProperty("error", out var error))
        {
            var type = outcome.TryGetProperty("errorType", out var named) ? named.GetString() : "Exception";
            End(call, Status(call, JobState.Failed, group, null, $"call {call} failed: {type}: {error.GetString()}", now));
        }
        else
        {
            if (outcome.TryGetProperty("items", out var items))
            {
                _items[call] = [.. items.EnumerateArray()];
            }

            var result = outcome.TryGetProperty("result", out var value) ? value.GetRawText() : null;
            End(call, Status(call, JobState.Completed, group, result, null, now));
        }
    }

    /// <summary>The call's end: kept in its future first, so a waiter woken by another call sees it done too.</summary>
    private void End(int call, JobStatus status)
    {
        _futures[call]?.Observe(status);
        _ends[call].TrySetResult(status); // only the reader swaps entries, and only after its last End
    }

    private static TaskCompletionSource<JobStatus> NewEnd() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private JobStatus Status(int call, JobState state, JobStatus? group, string? result, string? error, DateTimeOffset? finished)
    {
        var ended = state is JobState.Completed or JobState.Failed or JobState.Cancelled;
        var items = _items[call]?.Length ?? 1;
        return new JobStatus(
            CallId(call),
            Kernel,
            state,
            Items: items,
            Chunks: 1,
            ChunksDone: state == JobState.Completed ? 1 : 0,
            ChunksFailed: state == JobState.Failed ? 1 : 0,
            ChunksCancelled: state == JobState.Cancelled ? 1 : 0,
            ChunksRunning: ended ? 0 : state == JobState.Running ? 1 : 0,
            ItemsDone: state == JobState.Completed ? items : 0,
            Submitted: group?.Submitted ?? Job.Submitted?.Submitted ?? default,
            Started: group?.Started,
            Finished: ended ? finished : null,
            ResultJson: result,
            ResultTooLargeForStatus: false,
            Error: error,
            DependsOn: group?.DependsOn,
            Silos: null,
            HeldBy: group?.HeldBy);
    }
}
