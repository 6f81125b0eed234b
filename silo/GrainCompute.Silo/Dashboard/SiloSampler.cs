using GrainCompute.Grains.Workers;
using GrainCompute.Server.Dashboard.Diagnostics;
using GrainCompute.Server.Hosting;

namespace GrainCompute.Server.Dashboard;

/// <summary>
/// Samples this silo once a second, whether or not anyone watches (a timer tick, no per-call cost): CPU, memory,
/// busy workers and chunk throughput and run times for the charts.
/// </summary>
internal sealed class SiloSampler(ChunkRunFilter chunkRuns, WorkerPool workers, SiloOptions siloOptions, DashboardOptions options, TimeProvider time) : IHostedService, IDisposable
{
    private readonly Lock _lock = new();

    // Guarded by _lock: the timer appends, grain calls read. _samples holds at most History worth, oldest first;
    // _chunks the last chunk reading.
    private readonly Queue<SiloSample> _samples = new();
    private (long Runs, long[] Buckets) _chunks = chunkRuns.ChunkRuns.Read();
    private SiloSample _latest = new(0, 0, Environment.WorkingSet, 0, siloOptions.WorkerSlots, 0, 0, 0);
    private TimeSpan _lastCpu = Environment.CpuUsage.TotalTime;
    private long _lastTimestamp = time.GetTimestamp();
    private ITimer? _timer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
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
    public SiloStats Stats(string address, IReadOnlyDictionary<string, int>? activations, long sinceUnixSeconds)
    {
        lock (_lock)
        {
            return new SiloStats(address, _latest, activations, _samples.Where(s => s.UnixSeconds > sinceUnixSeconds).ToArray());
        }
    }

    /// <summary>Takes one sample now (the timer's tick; tests call it to avoid waiting).</summary>
    public void Sample()
    {
        var timestamp = time.GetTimestamp();
        var cpu = Environment.CpuUsage.TotalTime;
        var chunks = chunkRuns.ChunkRuns.Read();
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
        }
    }
}
