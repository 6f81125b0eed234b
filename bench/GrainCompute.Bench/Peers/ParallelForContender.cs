namespace GrainCompute.Bench.Peers;

/// <summary>
/// The local ideal: the kernel's own chunks under Parallel.For in this process. For the I/O-bound workload the
/// C# idiom is Task.WhenAll over the calls, and for noop futures it is Task.Run (submit-all: Task.Run for every
/// item, then Task.WhenAll); the cells say so.
/// </summary>
internal sealed class ParallelForContender(PeerSettings settings) : IPeerContender
{
    public string Name => "C# Parallel.For";

    public bool IsPython => false;

    public async Task<PeerMeasurement> MeasureAsync(PeerWorkload workload, CancellationToken cancellationToken = default)
    {
        var invoker = new KernelInvoker(workload);
        return workload.Kind switch
        {
            PeerWorkloadKind.Io => await TimedRuns.MeasureAsync(() => invoker.RunWhenAllAsync(cancellationToken), settings.Repeats, note: "Task.WhenAll"),
            PeerWorkloadKind.Futures => await TaskRunFuturesAsync(invoker, cancellationToken),
            PeerWorkloadKind.Batch => await TimedRuns.MeasureAsync(
                async () => (await Task.WhenAll(Enumerable.Range(0, (int)invoker.ItemCount).Select(_ => Task.Run(() => invoker.RunOneAsync(cancellationToken).AsTask(), cancellationToken)))).Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
                settings.Repeats,
                note: "Task.Run per task, Task.WhenAll"),
            PeerWorkloadKind.SubmitAll => await SubmitAllRounds.MeasureAsync(
                async n =>
                {
                    var payloads = await Task.WhenAll(Enumerable.Range(0, n).Select(_ => Task.Run(() => invoker.RunOneAsync(cancellationToken).AsTask(), cancellationToken)));
                    long right = payloads.Count(NativeSerialContender.IsZero);
                    return new SubmitAllOutcome(new FuturesTally(n, right, n - right, 0));
                },
                workload.Futures!.Value,
                warmUp: true,
                settings.Repeats,
                [],
                "Task.Run for every x, Task.WhenAll"),
            _ => await TimedRuns.MeasureAsync(() => Task.FromResult(invoker.RunParallelFor(cancellationToken)), settings.Repeats),
        };
    }

    private async Task<PeerMeasurement> TaskRunFuturesAsync(KernelInvoker invoker, CancellationToken cancellationToken)
    {
        Task One(CancellationToken ct) => Task.Run(() => invoker.RunOneAsync(ct).AsTask(), ct);
        await FuturesLoop.RunAsync(One, settings.Inflight, TimeSpan.FromSeconds(0.5), cancellationToken: cancellationToken);
        return await FuturesLoop.RunAsync(One, settings.Inflight, settings.NoopWindow, "Task.Run futures", cancellationToken);
    }
}
