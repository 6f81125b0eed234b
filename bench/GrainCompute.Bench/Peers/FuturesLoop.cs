using System.Diagnostics;

namespace GrainCompute.Bench.Peers;

/// <summary>
/// A closed loop that keeps <c>inflight</c> futures pending from one client for a time window: every completion
/// starts the next. Futures/s counts completions over the window (drain included); latency is submit → result.
/// </summary>
internal static class FuturesLoop
{
    public static async Task<PeerMeasurement> RunAsync(Func<CancellationToken, Task> oneFuture, int inflight, TimeSpan window, string? note = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var perCaller = await Task.WhenAll(Enumerable.Range(0, inflight).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<long>();
            while (clock.Elapsed < window)
            {
                var started = Stopwatch.GetTimestamp();
                await oneFuture(cancellationToken);
                latencies.Add(Stopwatch.GetTimestamp() - started);
            }

            return latencies;
        }, cancellationToken)));
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = perCaller.SelectMany(l => l).Order().ToArray();
        return new PeerMeasurement
        {
            Runs = [elapsed],
            Result = all.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            FuturesPerSecond = all.Length / elapsed,
            P50Milliseconds = Rank(all, 0.50),
            P99Milliseconds = Rank(all, 0.99),
            Note = note,
        };
    }

    /// <summary>Nearest rank, in milliseconds.</summary>
    private static double? Rank(long[] sortedTicks, double p) =>
        sortedTicks.Length == 0 ? null : sortedTicks[Math.Clamp((int)Math.Ceiling(p * sortedTicks.Length) - 1, 0, sortedTicks.Length - 1)] * 1000.0 / Stopwatch.Frequency;
}
