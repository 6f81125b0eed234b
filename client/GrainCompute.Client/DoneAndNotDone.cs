namespace GrainCompute.Client;

/// <summary>What <see cref="ComputeClient.WaitAsync{TFuture}"/> returns, like concurrent.futures' DoneAndNotDoneFutures.</summary>
/// <param name="Done">The futures that finished: completed, failed or cancelled.</param>
/// <param name="NotDone">The others.</param>
public sealed record DoneAndNotDone<TFuture>(IReadOnlySet<TFuture> Done, IReadOnlySet<TFuture> NotDone)
    where TFuture : ComputeFuture;
