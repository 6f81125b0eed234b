using GrainCompute.Grains;

namespace GrainCompute.Server.Dashboard;

/// <summary>A job as the jobs list shows it.</summary>
/// <param name="Progress">Finished chunks (done, failed or cancelled) / chunks, 0..1.</param>
/// <param name="EtaSeconds">Time left at the pace so far; null when not running or nothing finished yet.</param>
/// <param name="ItemsPerSecond">Items done per second of elapsed time.</param>
public sealed record JobRow(
    string Id,
    string Kernel,
    string State,
    long Items,
    long ItemsDone,
    int Chunks,
    int ChunksDone,
    int ChunksFailed,
    int ChunksCancelled,
    int ChunksRunning,
    double Progress,
    DateTimeOffset Submitted,
    DateTimeOffset? Started,
    DateTimeOffset? Finished,
    double ElapsedSeconds,
    double? EtaSeconds,
    double ItemsPerSecond,
    double ChunksPerSecond,
    string HeldBy,
    string? Error)
{
    public static JobRow From(JobStatus status, DateTimeOffset now)
    {
        var finished = status.ChunksDone + status.ChunksFailed + status.ChunksCancelled;
        var progress = status.Chunks > 0 ? (double)finished / status.Chunks : status.IsFinished ? 1 : 0;
        var elapsed = status.Started is { } started ? Math.Max(0, ((status.Finished ?? now) - started).TotalSeconds) : 0;
        double? eta = status.State == JobState.Running && progress > 0 && elapsed > 0 ? elapsed * (1 - progress) / progress : null;
        return new JobRow(
            status.Id,
            status.Kernel,
            status.State.ToString().ToLowerInvariant(),
            status.Items,
            status.ItemsDone,
            status.Chunks,
            status.ChunksDone,
            status.ChunksFailed,
            status.ChunksCancelled,
            status.ChunksRunning,
            Math.Round(progress, 4),
            status.Submitted,
            status.Started,
            status.Finished,
            Math.Round(elapsed, 2),
            eta is { } e ? Math.Round(e, 1) : null,
            elapsed > 0 ? Math.Round(status.ItemsDone / elapsed, 1) : 0,
            elapsed > 0 ? Math.Round(finished / elapsed, 2) : 0,
            status.HeldBy,
            status.Error);
    }
}

/// <summary>GET {dashboard}/api/jobs/{id}: the job, its chunks by index (the page draws the task stream and completion order from them) and each silo's share.</summary>
public sealed record JobDetail(JobRow Job, IReadOnlyList<ChunkInfo> Chunks, IReadOnlyList<SiloShare> Silos);
