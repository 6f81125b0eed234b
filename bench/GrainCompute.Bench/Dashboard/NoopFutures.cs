using GrainCompute.Bench.Cluster;

namespace GrainCompute.Bench.Dashboard;

/// <summary>
/// One future over the HTTP job API, as a futures client makes it: POST /api/jobs with the <c>noop</c> kernel
/// (every item is 0: the catalog's pure no-op) and one item, then POST /api/jobs/{id}/wait until it completed.
/// All the time goes to the service: HTTP, the job grain, placement, a chunk worker's turn, the result.
/// </summary>
internal sealed class NoopFutures(ComputeApi api)
{
    public const string Kernel = "noop";

    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(60);
    private static readonly object Parameters = new { n = 1 };

    // Short retention: finished job grains deactivate at their next keep-alive tick (≤ 30 s) instead of after an
    // hour, so a run's hundreds of thousands of jobs do not pile up as live activations with timers.
    private static readonly object Options = new { retentionSeconds = 5 };

    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private long _next;

    /// <summary>Jobs submitted so far: the silo's in-memory job store keeps every one.</summary>
    public long Submitted => Interlocked.Read(ref _next);

    public async Task RunOneAsync()
    {
        var id = $"noop-{_run}-{Interlocked.Increment(ref _next)}";
        await api.SubmitAsync(Kernel, id, Parameters, chunkSize: null, Options);
        var status = await api.WaitAsync(id, WaitTimeout);
        if (status.State != "completed")
        {
            throw new InvalidOperationException($"noop job {id} ended {status.State}");
        }
    }
}
