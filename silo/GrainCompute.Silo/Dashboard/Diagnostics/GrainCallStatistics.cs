using System.Collections.Concurrent;
using GrainCompute.Grains;

namespace GrainCompute.Server.Dashboard.Diagnostics;

/// <summary>
/// An Orleans incoming grain call filter that counts calls, errors and latency per grain class and method, for the dashboard.
/// <para>
/// Cheap when unwatched (design notes: the Orleans dashboard once cost 10–20% CPU until it profiled only while
/// observed): unless someone called <see cref="Observe"/> lately, a call costs one volatile read and a type
/// comparison, then goes straight on. Measured calls take two timestamps and a few Interlocked adds on counters
/// found by a lock-free dictionary lookup: no lock, and no allocation beyond the await itself. Calls of the chunk
/// workers (<see cref="ISiloWorkerGrain"/>) are measured always: their count and run times feed the cluster charts,
/// and a chunk takes milliseconds, the counting nanoseconds.
/// </para>
/// </summary>
internal sealed class GrainCallStatistics(TimeProvider time) : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<(Type Grain, Type Interface, string Method), GrainMethodCounters> _counters = new();
    private readonly long _ticksPerMicrosecond = Math.Max(1, time.TimestampFrequency / 1_000_000);
    private volatile bool _observed;
    private long _observedUntil;

    /// <summary>Whether calls of every grain are measured now.</summary>
    public bool IsObserved => _observed;

    /// <summary>Chunks run by this silo's workers (from <see cref="ISiloWorkerGrain.Run"/>'s outcomes).</summary>
    public ChunkRunCounters ChunkRuns { get; } = new();

    /// <summary>Measures every grain's calls for the next <paramref name="duration"/> (a watching dashboard renews it).</summary>
    public void Observe(TimeSpan duration)
    {
        Volatile.Write(ref _observedUntil, time.GetTimestamp() + (long)(duration.TotalSeconds * time.TimestampFrequency));
        _observed = true;
    }

    /// <summary>Totals of every method measured so far.</summary>
    public IReadOnlyList<GrainMethodTotals> Read() => _counters.Values.Select(c => c.Read()).ToList();

    public Task Invoke(IIncomingGrainCallContext context)
    {
        var grainInterface = context.Request.GetInterfaceType();
        if (!_observed && grainInterface != typeof(ISiloWorkerGrain))
        {
            return context.Invoke();
        }

        // Orleans passes its system targets' calls (membership, directory, load publishing) through the filter too:
        // they are the runtime at work, not the application's grains the page lists.
        if (context.Grain is SystemTarget)
        {
            return context.Invoke();
        }

        var started = time.GetTimestamp();
        if (_observed && started > Volatile.Read(ref _observedUntil))
        {
            _observed = false;

            // An Observe that ran since the read above has moved the deadline: keep its effect.
            if (started <= Volatile.Read(ref _observedUntil))
            {
                _observed = true;
            }
        }

        (Type Grain, Type Interface, string Method) key = (context.Grain.GetType(), grainInterface, context.MethodName);
        if (!_counters.TryGetValue(key, out var counters))
        {
            counters = _counters.GetOrAdd(key, static k => new GrainMethodCounters(k.Interface.Name, k.Grain.Name, k.Method));
        }

        return MeasureAsync(context, counters, started, grainInterface == typeof(ISiloWorkerGrain) && key.Method == nameof(ISiloWorkerGrain.Run));
    }

    private async Task MeasureAsync(IIncomingGrainCallContext context, GrainMethodCounters counters, long started, bool chunkRun)
    {
        var failed = true;
        try
        {
            await context.Invoke();

            // Orleans may hand a grain method's exception back in the response instead of throwing it here.
            failed = context.Response?.Exception is not null;
        }
        finally
        {
            counters.Finished((time.GetTimestamp() - started) / _ticksPerMicrosecond, failed);
        }

        if (chunkRun && !failed && context.Result is ChunkOutcome outcome)
        {
            ChunkRuns.Finished(outcome.Seconds);
        }
    }
}
