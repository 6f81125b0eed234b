using System.Text.Json;
using GrainCompute.Runtime;
using GrainCompute.Silo.Hosting;

namespace GrainCompute.Silo.Dashboard;

/// <summary>
/// Gathers the cluster's figures for the dashboard: the membership rows this silo reads, plus what each live
/// silo says about itself through its <see cref="IDashboardSiloGrain"/> (asked in parallel, with a short
/// timeout, so a silo that is gone but not yet declared dead shows as unreachable instead of stalling the page).
/// One gathering serves every dashboard client for up to a second. The chart history is kept here: each silo
/// sends only the per-second samples this silo has not received from it yet.
/// </summary>
internal sealed class DashboardCollector(SiloService host, DashboardOptions options, TimeProvider time, ILogger<DashboardCollector> logger)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Fresh = TimeSpan.FromMilliseconds(900);

    private readonly SemaphoreSlim _refresh = new(1, 1);

    // Guarded by _refresh. _history: per second, each silo's sample of it; _received: per silo, the newest second received.
    private readonly SortedDictionary<long, Dictionary<string, SiloSample>> _history = [];
    private readonly Dictionary<string, long> _received = new(StringComparer.Ordinal);

    private Collected? _last;

    public async Task<Collected> CollectAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _last) is { } last && time.GetElapsedTime(last.Timestamp) < Fresh)
        {
            return last;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_last is { } fresh && time.GetElapsedTime(fresh.Timestamp) < Fresh)
            {
                return fresh;
            }

            var collected = await RefreshAsync();
            Volatile.Write(ref _last, collected);
            return collected;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private async Task<Collected> RefreshAsync()
    {
        var silo = host.Silo;
        var now = time.GetUtcNow();
        var shown = silo.View.Silos
            .Where(s => s.Status != SiloStatus.Dead || now - s.IAmAliveTime < options.DeadSiloRetention)
            .OrderBy(s => s.StartTime)
            .ToList();
        var answers = await Task.WhenAll(shown.Select(entry => entry.Status == SiloStatus.Dead ? Task.FromResult<SiloStats?>(null) : AskAsync(silo, entry)));
        var stats = answers.OfType<SiloStats>().ToList();
        Remember(stats, now);

        var rows = shown.Select((entry, i) => Row(entry, answers[i], now)).ToList();
        var active = rows.Where(r => r.Status == "active").ToList();
        var totals = new ClusterTotals(active.Count, active.Sum(r => r.WorkerSlots), active.Sum(r => r.BusyWorkers ?? 0), Math.Round(active.Sum(r => r.ChunksPerSecond ?? 0), 2));
        var cluster = new ClusterSnapshot(silo.Options.ClusterId, silo.Address.ToString(), now, totals, rows);
        return new Collected(time.GetTimestamp(), cluster, GrainsSnapshot.Merge(stats), History(stats));
    }

    private async Task<SiloStats?> AskAsync(Runtime.Hosting.Silo silo, SiloEntry entry)
    {
        var address = entry.Address.ToString();
        try
        {
            Task<SiloStats> ask;
            using (GrainCallOptions.WithTimeout(AskTimeout))
            {
                ask = silo.GrainFactory.GetGrain<IDashboardSiloGrain>(address).GetStats(_received.GetValueOrDefault(address));
            }

            return await ask;
        }
        catch (Exception exception) when (exception is SiloUnavailableException or GrainCallTimeoutException or RemoteGrainException or InvalidOperationException)
        {
            DashboardLog.SiloDidNotAnswer(logger, address, exception.Message);
            return null;
        }
    }

    private static DashboardSilo Row(SiloEntry entry, SiloStats? stats, DateTimeOffset now)
    {
        var status = JsonNamingPolicy.CamelCase.ConvertName(entry.Status.ToString());
        if (entry.Status == SiloStatus.Active && stats is null)
        {
            status = "unreachable";
        }

        return new DashboardSilo(
            entry.Name,
            entry.Address.ToString(),
            status,
            entry.GatewayUrl,
            entry.StartTime,
            entry.Status == SiloStatus.Dead ? 0 : Math.Round(Math.Max(0, (now - entry.StartTime).TotalSeconds)),
            entry.WorkerSlots,
            stats?.Latest.CpuPercent,
            stats?.Latest.MemoryBytes,
            stats?.Latest.BusyWorkers,
            stats?.Latest.ChunksPerSecond,
            stats?.Activations,
            entry.SuspectedBy);
    }

    private void Remember(IReadOnlyList<SiloStats> stats, DateTimeOffset now)
    {
        foreach (var silo in stats)
        {
            foreach (var sample in silo.Samples)
            {
                if (!_history.TryGetValue(sample.UnixSeconds, out var second))
                {
                    _history[sample.UnixSeconds] = second = new Dictionary<string, SiloSample>(StringComparer.Ordinal);
                }

                second[silo.Address] = sample;
                _received[silo.Address] = Math.Max(_received.GetValueOrDefault(silo.Address), sample.UnixSeconds);
            }
        }

        var oldest = now.ToUnixTimeSeconds() - (long)options.History.TotalSeconds;
        foreach (var second in _history.Keys.TakeWhile(s => s < oldest).ToList())
        {
            _history.Remove(second);
        }
    }

    /// <summary>Chart points up to the newest second every answering silo has reported (a later one would be partial).</summary>
    private List<ClusterSample> History(IReadOnlyList<SiloStats> answered)
    {
        var complete = answered.Count == 0 ? long.MaxValue : answered.Min(s => _received.GetValueOrDefault(s.Address));
        return [.. _history
            .Where(h => h.Key <= complete)
            .Select(h => new ClusterSample(
                h.Key,
                Math.Round(h.Value.Values.Sum(s => s.ChunksPerSecond), 2),
                h.Value.Values.Sum(s => s.BusyWorkers),
                h.Value.Values.Sum(s => s.WorkerSlots),
                h.Value.Values.Max(s => s.ChunkP50Ms),
                h.Value.Values.Max(s => s.ChunkP99Ms),
                Math.Round(h.Value.Values.Average(s => s.CpuPercent), 1),
                h.Value.Count))];
    }

    /// <summary>One gathering: when it was taken (a timestamp of the collector's TimeProvider) and what it found.</summary>
    internal sealed record Collected(long Timestamp, ClusterSnapshot Cluster, GrainsSnapshot Grains, IReadOnlyList<ClusterSample> History);
}
