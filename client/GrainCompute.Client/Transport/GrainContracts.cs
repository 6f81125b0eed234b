using G = GrainCompute.Grains;

namespace GrainCompute.Client.Transport;

/// <summary>
/// The grains' wire types (GrainCompute.Grains.Abstractions) as the client's contract records and back: the same
/// records the HTTP transport reads from JSON, so a caller cannot tell the transports apart.
/// </summary>
internal static class GrainContracts
{
    public static JobStatus ToClient(G.JobStatus status) => new(
        status.Id,
        status.Kernel,
        ToClient(status.State),
        status.Items,
        status.Chunks,
        status.ChunksDone,
        status.ChunksFailed,
        status.ChunksCancelled,
        status.ChunksRunning,
        status.ItemsDone,
        status.Submitted,
        status.Started,
        status.Finished,
        status.ResultJson,
        status.ResultTooLargeForStatus,
        status.Error,
        status.DependsOn,
        [.. status.Silos.Select(s => new SiloShare(s.Silo, s.Chunks, s.BusySeconds))],
        status.HeldBy);

    public static WaitOutcome ToClient(G.WaitOutcome outcome) => new(outcome.Satisfied, ToClient(outcome.Status));

    public static ChunkInfo ToClient(G.ChunkInfo chunk) => new(
        chunk.Index, chunk.Start, chunk.Count, ToClient(chunk.State), chunk.Attempts, chunk.Started, chunk.Ended, chunk.Silo, chunk.Worker, chunk.Error, chunk.CompletionSeq);

    public static ResultItem ToClient(G.ResultItem item) =>
        new(item.Index, item.Seq, item.ValueJson is null ? null : ClientJson.Parse(item.ValueJson), item.Error);

    public static ResultsPage ToClient(G.ResultsPage page) => new([.. page.Items.Select(ToClient)], page.NextOffset, page.Complete);

    public static G.JobRequest ToGrains(SubmitJobRequest job) => new(
        job.Kernel,
        job.Parameters?.GetRawText(),
        job.ChunkSize,
        job.Id,
        job.Options is { } o ? new G.JobOptions(o.StopOnFirstError, o.ChunkTimeoutSeconds, o.Retries, o.RetentionSeconds) : null);

    public static G.ReturnWhen ToGrains(ReturnWhen returnWhen) => returnWhen switch
    {
        ReturnWhen.FirstCompleted => G.ReturnWhen.FirstCompleted,
        ReturnWhen.FirstException => G.ReturnWhen.FirstException,
        _ => G.ReturnWhen.AllCompleted,
    };

    public static G.ResultOrder ToGrains(ResultOrder order) => order == ResultOrder.Input ? G.ResultOrder.Input : G.ResultOrder.Completion;

    private static JobState ToClient(G.JobState state) => state switch
    {
        G.JobState.Waiting => JobState.Waiting,
        G.JobState.Running => JobState.Running,
        G.JobState.Completed => JobState.Completed,
        G.JobState.Failed => JobState.Failed,
        G.JobState.Cancelled => JobState.Cancelled,
        G.JobState.Queued => JobState.Queued,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "a job state this client does not know; update GrainCompute.Client"),
    };

    private static FutureState ToClient(G.FutureState state) => state switch
    {
        G.FutureState.Pending => FutureState.Pending,
        G.FutureState.Running => FutureState.Running,
        G.FutureState.Done => FutureState.Done,
        G.FutureState.Failed => FutureState.Failed,
        G.FutureState.Cancelled => FutureState.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "a chunk state this client does not know; update GrainCompute.Client"),
    };
}
