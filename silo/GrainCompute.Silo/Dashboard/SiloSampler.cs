using GrainCompute.Grains.Workers;
using GrainCompute.Server.Dashboard.Diagnostics;
using GrainCompute.Server.Hosting;

namespace GrainCompute.Server.Dashboard;

/// <summary>
/// Samples this silo once a second, whether or not anyone watches (a timer tick, no per-call cost): CPU, memory,
/// busy workers and chunk throughput and run times for the charts, and the grain call totals from which the
/// dashboard's "last 10 s" grain figures are differences.
/// </summary>
internal sealed class SiloSampler(GrainCallStatistics statistics, WorkerPool workers, SiloOptions siloOptions, DashboardOptions options, TimeProvider time) : IHostedService, IDisposable
{
    private const int WindowSamples = 11;

    private readonly Lock _lock = new();

    // Guarded by _lock: the timer appends, grain calls read. _samples holds at most History worth, oldest first;
    // _totals the last WindowSamples readings of the grain call totals, oldest first; _chunks the last chunk reading.
    private readonly Queue<SiloSample> _samples = new();
    private readonly Queue<(long Timestamp, IReadOnlyList<GrainMethodTotals> Totals)> _totals = new();
    private (long Runs, long[] Buckets) _chunks = statistics.ChunkRuns.Read();
    private SiloSample _latest = new(0, 0, Environment.WorkingSet, 0, siloOptions.WorkerSlots, 0, 0, 0);
    private TimeSpan _lastCpu = Environment.CpuUsage.TotalTime;
    private long _lastTimestamp = time.GetTimestamp();
    private ITimer? _timer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // A first reading before any call, so calls made before the first tick still count in the window.
        lock (_lock)
        {
            _totals.Enqueue((time.GetTimestamp(), statistics.Read()));
        }

        _timer = time.CreateTimer(_ => Sample(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _timer?.Dispose();

    /// <remarks>Collections are arrays and lists, not what a collection expression makes of an interface type: Orleans serializes these across silos.</remarks>
    public SiloStats Stats(string address, IReadOnlyDictionary<string, int>? activations, long sinceUnixSeconds, bool profiling)
    {
        lock (_lock)
        {
            var (seconds, grains) = Window();
            return new SiloStats(address, _latest, activations, seconds, grains, _samples.Where(s => s.UnixSeconds > sinceUnixSeconds).ToArray(), profiling);
        }
    }

    /// <summary>Takes one sample now (the timer's tick; tests call it to avoid waiting).</summary>
    public void Sample()
    {
        var timestamp = time.GetTimestamp();
        var cpu = Environment.CpuUsage.TotalTime;
        var totals = statistics.Read();
        var chunks = statistics.ChunkRuns.Read();
        lock (_lock)
        {
            var elapsed = time.GetElapsedTime(_lastTimestamp, timestamp).TotalSeconds;
            if (elapsed <= 0)
            {
                return;
            }

            var runs = new long[LatencyHistogram.BucketCount];
            for (var i = 0; i < runs.Length; i++)
            {
                runs[i] = chunks.Buckets[i] - _chunks.Buckets[i];
            }

            _latest = new SiloSample(
                time.GetUtcNow().ToUnixTimeSeconds(),
                Math.Round(Math.Clamp((cpu - _lastCpu).TotalSeconds / elapsed / Environment.ProcessorCount * 100, 0, 100), 1),
                Environment.WorkingSet,
                workers.Busy,
                siloOptions.WorkerSlots,
                Math.Round((chunks.Runs - _chunks.Runs) / elapsed, 2),
                Math.Round(LatencyHistogram.PercentileMilliseconds(runs, 0.5), 3),
                Math.Round(LatencyHistogram.PercentileMilliseconds(runs, 0.99), 3));
            _chunks = chunks;
            _lastCpu = cpu;
            _lastTimestamp = timestamp;
            _samples.Enqueue(_latest);
            while (_samples.Count > options.History.TotalSeconds + 1)
            {
                _samples.Dequeue();
            }

            _totals.Enqueue((timestamp, totals));
            while (_totals.Count > WindowSamples)
            {
                _totals.Dequeue();
            }
        }
    }

    /// <summary>What calls did between the oldest and newest readings kept (caller holds _lock).</summary>
    private (double Seconds, List<GrainMethodWindow> Grains) Window()
    {
        if (_totals.Count < 2)
        {
            return (0, []);
        }

        var (fromTime, from) = _totals.Peek();
        var (toTime, to) = _totals.Last();
        var windows = new List<GrainMethodWindow>();
        foreach (var method in to)
        {
            var before = from.FirstOrDefault(p => p.GrainType == method.GrainType && p.Interface == method.Interface && p.Method == method.Method);
            var calls = method.Calls - (before?.Calls ?? 0);
            if (calls == 0)
            {
                continue;
            }

            var buckets = new long[method.Buckets.Length];
            var last = 0;
            for (var i = 0; i < buckets.Length; i++)
            {
                buckets[i] = method.Buckets[i] - (before?.Buckets[i] ?? 0);
                last = buckets[i] != 0 ? i + 1 : last;
            }

            windows.Add(new GrainMethodWindow(method.GrainType, method.Method, calls, method.Errors - (before?.Errors ?? 0), method.TotalMilliseconds - (before?.TotalMilliseconds ?? 0), buckets[..last]));
        }

        return (time.GetElapsedTime(fromTime, toTime).TotalSeconds, windows);
    }
}
