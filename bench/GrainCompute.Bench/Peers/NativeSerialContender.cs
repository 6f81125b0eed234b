using System.Diagnostics;

namespace GrainCompute.Bench.Peers;

/// <summary>The reference: the kernel's code called directly, every item in order on one thread.</summary>
internal sealed class NativeSerialContender(PeerSettings settings) : IPeerContender
{
    public string Name => "C# serial";

    public bool IsPython => false;

    public async Task<PeerMeasurement> MeasureAsync(PeerWorkload workload, CancellationToken cancellationToken = default)
    {
        var invoker = new KernelInvoker(workload);
        switch (workload.Kind)
        {
            case PeerWorkloadKind.Io:
                // 100 sleeps in a row take 100 × delay by construction: one run, no warm-up, saves half a minute.
                return await TimedRuns.MeasureAsync(() => invoker.RunSerialAsync(cancellationToken), 1, warmUp: false, note: "one run (sleeps in a row)");
            case PeerWorkloadKind.Futures:
                return await DirectCallsAsync(invoker, settings.NoopWindow, cancellationToken);
            case PeerWorkloadKind.Batch:
                return PeerMeasurement.Unavailable("no tasks to submit: a direct call is the serial form (see the noop row)");
            case PeerWorkloadKind.SubmitAll:
                return await SubmitAllRounds.MeasureAsync(
                    async n =>
                    {
                        long right = 0;
                        for (var i = 0; i < n; i++)
                        {
                            right += IsZero(await invoker.RunOneAsync(cancellationToken)) ? 1 : 0;
                        }

                        return new SubmitAllOutcome(new FuturesTally(n, right, n - right, 0));
                    },
                    workload.Futures!.Value,
                    warmUp: true,
                    settings.Repeats,
                    [],
                    "direct calls in a loop, no futures");
            default:
                return await TimedRuns.MeasureAsync(() => invoker.RunSerialAsync(cancellationToken), settings.Repeats);
        }
    }

    /// <summary>Whether a one-item noop payload holds its 0.</summary>
    internal static bool IsZero(byte[] payload) => payload.AsSpan().IndexOfAnyExcept((byte)0) < 0;

    /// <summary>No futures at all: the kernel called directly in a loop, the floor under any futures API.</summary>
    private static async Task<PeerMeasurement> DirectCallsAsync(KernelInvoker invoker, TimeSpan window, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 10_000; i++)
        {
            await invoker.RunOneAsync(cancellationToken);
        }

        var latencies = new List<long>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < window)
        {
            var started = Stopwatch.GetTimestamp();
            await invoker.RunOneAsync(cancellationToken);
            latencies.Add(Stopwatch.GetTimestamp() - started);
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        latencies.Sort();
        return new PeerMeasurement
        {
            Runs = [elapsed],
            FuturesPerSecond = latencies.Count / elapsed,
            P50Milliseconds = latencies[latencies.Count / 2] * 1000.0 / Stopwatch.Frequency,
            P99Milliseconds = latencies[Math.Min(latencies.Count - 1, (int)(latencies.Count * 0.99))] * 1000.0 / Stopwatch.Frequency,
            Note = "direct calls, no futures",
        };
    }
}
