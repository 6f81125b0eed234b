using System.Diagnostics;
using GrainCompute.Client;

namespace GrainCompute.Bench.Peers;

/// <summary>
/// Submit-all on GrainCompute, three ways on one cluster: N one-item noop jobs through the batch API
/// (<see cref="ComputeClient.SubmitManyAsync(string, IEnumerable{object?}, SubmitOptions?, CancellationToken)"/>,
/// then <see cref="ComputeClient.WaitAsync{TFuture}"/>: a request per 10,000 jobs each way); the same N with one
/// SubmitAsync call per future, as a new user first writes the seeds' loop; and last one round of the large count
/// through the batch API, checked future by future; and the rounds again as future groups
/// (<see cref="SubmitOptions.Grouped"/>: each 10,000 calls one job whose items they are). Jobs keep their results 10 minutes (retentionSeconds 600, not
/// the default hour): long enough for any round's wait, and the silo forgets them sooner.
/// </summary>
/// <remarks>
/// The per-future submits run at most --inflight (64) at a time. All 20,000 at once (Task.WhenAll) killed the
/// benchmark process: the client opens a connection per concurrent request, the embedded silo holds the other end,
/// and at the 20,000 file descriptors of <c>ulimit -n</c> the runtime gave up with "Out of memory." (2026-11-30).
/// </remarks>
internal static class GrainComputeSubmitAll
{
    private static readonly SubmitOptions Retained = new(Options: new JobOptions(RetentionSeconds: 600));
    private static readonly SubmitOptions RetainedGroups = Retained with { Grouped = true };

    // A round still waiting after this counts its unfinished futures as lost instead of hanging the benchmark.
    private static readonly TimeSpan WaitLimit = TimeSpan.FromMinutes(10);

    public static async Task<PeerMeasurement> MeasureAsync(GrainComputeTarget target, PeerWorkload workload, PeerSettings settings, CancellationToken cancellationToken = default)
    {
        var client = target.Client;
        var futures = workload.Futures ?? throw new InvalidOperationException($"workload '{workload.Id}' has no futures count");
        var batch = await GuardedAsync(() => SubmitAllRounds.MeasureAsync(n => ManyAsync(client, workload, n, Retained, cancellationToken), futures, warmUp: true, settings.Repeats, target.MemoryProcesses, "SubmitManyAsync, WaitAsync, GetResultAsync of each"));
        var grouped = await GuardedAsync(() => SubmitAllRounds.MeasureAsync(n => ManyAsync(client, workload, n, RetainedGroups, cancellationToken), futures, warmUp: true, settings.Repeats, target.MemoryProcesses, "SubmitManyAsync with Grouped = true, WaitAsync, GetResultAsync of each"));
        var each = await GuardedAsync(() => SubmitAllRounds.MeasureAsync(
            n => EachAsync(client, workload, n, settings.Inflight, cancellationToken), futures, warmUp: true, settings.Repeats, target.MemoryProcesses,
            $"SubmitAsync per future, {settings.Inflight} at a time (Parallel.ForEachAsync), WaitAsync, GetResultAsync of each"));
        var large = settings.SubmitAllLarge > 0
            ? await GuardedAsync(() => SubmitAllRounds.MeasureAsync(n => ManyAsync(client, workload, n, Retained, cancellationToken), settings.SubmitAllLarge, warmUp: false, 1, target.MemoryProcesses, "one round, SubmitManyAsync, WaitAsync, GetResultAsync of each"))
            : null;
        return batch with { OneSubmitPerFuture = each, Grouped = grouped, Large = large };
    }

    private static async Task<SubmitAllOutcome> ManyAsync(ComputeClient client, PeerWorkload workload, int count, SubmitOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var futures = await client.SubmitManyAsync<long>(workload.Kernel, Enumerable.Repeat(workload.Parameters, count), options, cancellationToken);
        var submitted = clock.Elapsed.TotalSeconds;
        await ComputeClient.WaitAsync(futures, timeout: WaitLimit, cancellationToken: cancellationToken);
        return new(await TallyAsync(futures, cancellationToken), submitted);
    }

    private static async Task<SubmitAllOutcome> EachAsync(ComputeClient client, PeerWorkload workload, int count, int inflight, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var futures = new ComputeFuture<long>[count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = inflight, CancellationToken = cancellationToken },
            async (i, ct) => futures[i] = await client.SubmitAsync<long>(workload.Kernel, workload.Parameters, Retained, ct));
        var submitted = clock.Elapsed.TotalSeconds;
        await ComputeClient.WaitAsync(futures, timeout: WaitLimit, cancellationToken: cancellationToken);
        return new(await TallyAsync(futures, cancellationToken), submitted);
    }

    /// <summary>Reads every result as a user would; after the wait each finished job's status is in its future, so this makes no request.</summary>
    private static async Task<FuturesTally> TallyAsync(IReadOnlyList<ComputeFuture<long>> futures, CancellationToken cancellationToken)
    {
        var jobs = new HashSet<string>(StringComparer.Ordinal);
        long right = 0, lost = 0, duplicated = 0;
        foreach (var future in futures)
        {
            if (!jobs.Add(future.Id))
            {
                duplicated++;
            }
            else if (future.Status is { State: JobState.Completed } && await future.GetResultAsync(cancellationToken: cancellationToken) == 0)
            {
                right++;
            }
            else
            {
                lost++;
            }
        }

        return new FuturesTally(futures.Count, right, lost, duplicated);
    }

    /// <summary>A variant that breaks (a refused submit, a socket limit) becomes an n/a cell with the reason; the others still run.</summary>
    private static async Task<PeerMeasurement> GuardedAsync(Func<Task<PeerMeasurement>> measure)
    {
        try
        {
            return await measure();
        }
        catch (Exception e) when (e is ComputeApiException or ComputeUnreachableException or HttpRequestException or IOException or TimeoutException)
        {
            return PeerMeasurement.Unavailable($"failed: {e.GetType().Name}: {e.Message}");
        }
    }
}
