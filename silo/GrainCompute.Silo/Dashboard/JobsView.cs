using System.Collections.Concurrent;
using GrainCompute.Grains;
using GrainCompute.Server.Api;

namespace GrainCompute.Server.Dashboard;

/// <summary>
/// The jobs list and job pages: the newest jobs from the job store, each job's status from its grain. A finished
/// job's status never changes, so it is asked once and kept while the job stays in the list; the list itself is
/// gathered at most once a second however many pages watch.
/// </summary>
internal sealed class JobsView(IGrainFactory grains, IJobStore store, DashboardOptions options, TimeProvider time, ILogger<JobsView> logger)
{
    private static readonly TimeSpan Fresh = TimeSpan.FromMilliseconds(900);

    private readonly ConcurrentDictionary<string, JobStatus> _finished = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (long Timestamp, IReadOnlyList<JobRow> Rows)? _last;

    public async Task<IReadOnlyList<JobRow>> ListAsync(int? limit = null, CancellationToken cancellationToken = default)
    {
        if (limit is not null && limit != options.JobsShown)
        {
            return await GatherAsync(limit.Value, pruneCache: false, cancellationToken);
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_last is not { } last || time.GetElapsedTime(last.Timestamp) >= Fresh)
            {
                _last = last = (time.GetTimestamp(), await GatherAsync(options.JobsShown, pruneCache: true, cancellationToken));
            }

            return last.Rows;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public async Task<JobDetail> DetailAsync(string id)
    {
        var job = ComputeApi.Job(grains, id);
        var status = job.GetStatus();
        var chunks = job.GetChunks();
        await Task.WhenAll(status, chunks);
        return new JobDetail(JobRow.From(status.Result, time.GetUtcNow()), chunks.Result, status.Result.Silos);
    }

    public async Task<JobRow> CancelAsync(string id) =>
        JobRow.From(await ComputeApi.Job(grains, id).Cancel(), time.GetUtcNow());

    /// <param name="pruneCache">Only the page's own list (the newest <c>JobsShown</c>) decides which finished statuses stay cached.</param>
    private async Task<IReadOnlyList<JobRow>> GatherAsync(int limit, bool pruneCache, CancellationToken cancellationToken)
    {
        var entries = await store.ListAsync(limit, cancellationToken);
        var statuses = await Task.WhenAll(entries.Select(e => StatusAsync(e.Id)));
        if (pruneCache)
        {
            var listed = entries.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var id in _finished.Keys.Where(id => !listed.Contains(id)))
            {
                _finished.TryRemove(id, out _);
            }
        }

        var now = time.GetUtcNow();
        return [.. statuses.OfType<JobStatus>().Select(s => JobRow.From(s, now))];
    }

    private async Task<JobStatus?> StatusAsync(string id)
    {
        if (_finished.TryGetValue(id, out var known))
        {
            return known;
        }

        try
        {
            var status = await ComputeApi.Job(grains, id).GetStatus();
            if (status.IsFinished)
            {
                _finished[id] = status;
            }

            return status;
        }
        catch (Exception exception)
        {
            // One job whose grain cannot answer now (its silo just died) must not blank the whole list.
            DashboardLog.JobUnavailable(logger, exception, id);
            return null;
        }
    }
}
