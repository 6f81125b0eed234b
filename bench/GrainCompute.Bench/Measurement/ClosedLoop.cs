using System.Diagnostics;

namespace GrainCompute.Bench.Measurement;

/// <summary>
/// Closed-loop load: each caller starts its next call only when the previous one returned, so throughput is
/// what the system sustains at that concurrency and latency is the time one call takes with nothing queued
/// ahead of it by the benchmark itself.
/// </summary>
internal static class ClosedLoop
{
    // Each caller keeps its tallies in its own cache lines (16 longs = 128 bytes apart), so counting is not a shared write.
    private const int SlotStride = 16;
    private const int Done = 0;
    private const int Failed = 1;
    private const int SlowestTicks = 2;

    /// <summary>
    /// Runs <paramref name="callers"/> loops of the operation each makes (<paramref name="operationFor"/> gets the
    /// caller's index); counts the calls completed between the end of <paramref name="warmup"/> and the end of
    /// <paramref name="duration"/>. The loops keep running across both edges, so neither ramp-up nor ramp-down counts.
    /// A failed call is counted, not thrown: a timeout under load is a result to report.
    /// </summary>
    public static async Task<ThroughputResult> ThroughputAsync(int callers, Func<int, Func<Task>> operationFor, TimeSpan warmup, TimeSpan duration)
    {
        var counts = new long[callers * SlotStride];
        var stop = new StopSignal();
        var loops = new Task[callers];
        for (var c = 0; c < callers; c++)
        {
            var operation = operationFor(c);
            var slot = c * SlotStride;
            loops[c] = Task.Run(() => LoopAsync(operation, counts, slot, stop));
        }

        try
        {
            await Task.Delay(warmup);
            var (startCounts, start) = (Snapshot(counts, callers), ResourceSample.Take());
            await Task.Delay(duration);
            var (endCounts, end) = (Snapshot(counts, callers), ResourceSample.Take());
            var perCaller = new long[callers];
            long failed = 0;
            for (var c = 0; c < callers; c++)
            {
                perCaller[c] = endCounts[c].Done - startCounts[c].Done;
                failed += endCounts[c].Failed - startCounts[c].Failed;
            }

            // The slowest call is read after the loops stop, so that a call stuck past the window is still seen.
            stop.Set();
            await Task.WhenAll(loops);
            long slowest = 0;
            for (var c = 0; c < callers; c++)
            {
                slowest = Math.Max(slowest, counts[(c * SlotStride) + SlowestTicks]);
            }

            return new ThroughputResult(perCaller.Sum(), failed, perCaller, TicksToMicroseconds(slowest), end.Since(start));
        }
        finally
        {
            stop.Set();
            await Task.WhenAll(loops);
        }
    }

    /// <summary>
    /// One caller: warms up for <paramref name="warmup"/>, then records every call's latency for <paramref name="duration"/>
    /// (failed calls too: their time is part of what the caller saw).
    /// </summary>
    public static async Task<LatencyResult> LatencyAsync(Func<Task> operation, TimeSpan warmup, TimeSpan duration)
    {
        await Task.Yield(); // leave the caller's context: measure from the thread pool like every other caller
        var warmupEnd = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < warmupEnd)
        {
            await operation();
        }

        var ticks = new long[1 << 20];
        var count = 0;
        var start = ResourceSample.Take();
        var end = start.Timestamp + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var before = start.Timestamp;
        var failed = 0L;
        while (before < end)
        {
            try
            {
                await operation();
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                failed++;
            }

            var after = Stopwatch.GetTimestamp();
            if (count == ticks.Length)
            {
                Array.Resize(ref ticks, ticks.Length * 2);
            }

            ticks[count++] = after - before;
            before = after;
        }

        var usage = ResourceSample.Take().Since(start);
        return new LatencyResult(ticks, count, failed, usage);
    }

    private static async Task LoopAsync(Func<Task> operation, long[] counts, int slot, StopSignal stop)
    {
        long done = 0, failed = 0, slowest = 0;
        while (!stop.IsSet)
        {
            var before = Stopwatch.GetTimestamp();
            try
            {
                await operation();
                Volatile.Write(ref counts[slot + Done], ++done);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                Volatile.Write(ref counts[slot + Failed], ++failed);
            }

            var ticks = Stopwatch.GetTimestamp() - before;
            if (ticks > slowest)
            {
                slowest = ticks;
                Volatile.Write(ref counts[slot + SlowestTicks], slowest);
            }
        }
    }

    private static (long Done, long Failed)[] Snapshot(long[] counts, int callers)
    {
        var snapshot = new (long, long)[callers];
        for (var c = 0; c < callers; c++)
        {
            snapshot[c] = (Volatile.Read(ref counts[(c * SlotStride) + Done]), Volatile.Read(ref counts[(c * SlotStride) + Failed]));
        }

        return snapshot;
    }

    private static double TicksToMicroseconds(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
}
