using System.Text.Json;
using GrainCompute.Grains;
using GrainCompute.Grains.Placement;
using GrainCompute.Server.Hosting;

namespace GrainCompute.Server.Dashboard;

/// <summary>
/// Gathers the cluster's figures for the dashboard: Orleans' membership view on this silo, what each silo says of
/// itself (<see cref="ClusterDirectory"/>: name, API address, worker slots, start), the table's suspicions
/// (<see cref="MembershipDetails"/>), plus what each live silo reports through its <see cref="IDashboardSiloGrain"/>
/// (asked in parallel, with a short timeout, so a silo that is gone but not yet declared dead shows as unreachable
/// instead of stalling the page). One gathering serves every dashboard client for up to a second. The chart history
/// is kept here: each silo sends only the per-second samples this silo has not received from it yet.
/// </summary>
internal sealed class DashboardCollector(
    IClusterMembershipService membership,
    ClusterDirectory directory,
    MembershipDetails details,
    LocalSiloStatus local,
    SiloOptions siloOptions,
    IGrainFactory grains,
    DashboardOptions options,
    TimeProvider time,
    ILogger<DashboardCollector> logger)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Fresh = TimeSpan.FromMilliseconds(900);

    private readonly SemaphoreSlim _refresh = new(1, 1);

    // Guarded by _refresh. _history: per second, each silo's sample of it; _received: per silo, the newest second
    // received; _seenAlive and _deadSince: which silos this collector saw alive, and when it first saw them dead.
    private readonly SortedDictionary<long, Dictionary<string, SiloSample>> _history = [];
    private readonly Dictionary<string, long> _received = new(StringComparer.Ordinal);
    private readonly HashSet<SiloAddress> _seenAlive = [];
    private readonly Dictionary<SiloAddress, DateTimeOffset> _deadSince = [];

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
        var members = membership.CurrentSnapshot.Members.Values.OrderBy(m => m.SiloAddress.Generation).ToList();
        var entries = details.ReadAsync();
        var infos = members.Select(directory.InfoAsync).ToList();
        var asks = members.Select(m => m.Status == SiloStatus.Dead ? Task.FromResult<SiloStats?>(null) : AskAsync(m.SiloAddress)).ToList();
        await Task.WhenAll([entries, .. infos, .. asks]);

        var now = time.GetUtcNow();
        var rows = new List<DashboardSilo>();
        var answered = new List<SiloStats>();
        for (var i = 0; i < members.Count; i++)
        {
            var entry = entries.Result.GetValueOrDefault(members[i].SiloAddress);
            if (!Shown(members[i], entry, now))
            {
                continue;
            }

            rows.Add(Row(members[i], infos[i].Result, entry, asks[i].Result, now));
            if (asks[i].Result is { } stats)
            {
                answered.Add(stats);
            }
        }

        Forget(members);
        Remember(answered, now);
        var active = rows.Where(r => r.Status == "active").ToList();
        var totals = new ClusterTotals(active.Count, active.Sum(r => r.WorkerSlots), active.Sum(r => r.BusyWorkers ?? 0), Math.Round(active.Sum(r => r.ChunksPerSecond ?? 0), 2));
        var serving = members.Select((member, i) => member.Status == SiloStatus.Active ? infos[i].Result : null).OfType<SiloWorkerInfo>();
        var cluster = new ClusterSnapshot(siloOptions.ClusterId, local.Address.ToString(), now, totals, rows, KernelVersions.Differing(serving));
        return new Collected(time.GetTimestamp(), cluster, History(answered));
    }

    /// <summary>
    /// Whether the silo is listed: every silo not dead, a dead one for <see cref="DashboardOptions.DeadSiloRetention"/>
    /// after it died: after this collector first saw it dead when it had seen it alive (most precise), otherwise
    /// after its last sign of life in the table (a silo that died before this dashboard looked).
    /// </summary>
    private bool Shown(ClusterMember member, MembershipEntry? entry, DateTimeOffset now)
    {
        var silo = member.SiloAddress;
        if (member.Status != SiloStatus.Dead)
        {
            _seenAlive.Add(silo);
            return true;
        }

        if (!_deadSince.TryGetValue(silo, out var since))
        {
            // Without the table's word (not read yet, or unanswered), count from now rather than hide it at once.
            since = _seenAlive.Contains(silo) ? now : MembershipDetails.DeadSince(entry) ?? now;
            _deadSince[silo] = since;
        }

        return now - since < options.DeadSiloRetention;
    }

    /// <summary>Drops what is kept about silos membership no longer lists (Orleans removes defunct entries).</summary>
    private void Forget(IReadOnlyList<ClusterMember> members)
    {
        var listed = members.Select(m => m.SiloAddress).ToHashSet();
        _seenAlive.RemoveWhere(s => !listed.Contains(s));
        foreach (var gone in _deadSince.Keys.Where(s => !listed.Contains(s)).ToList())
        {
            _deadSince.Remove(gone);
        }
    }

    private async Task<SiloStats?> AskAsync(SiloAddress silo)
    {
        var address = silo.ToString();
        try
        {
            return await grains.GetGrain<IDashboardSiloGrain>(SiloKey.Of(silo)).GetStats(_received.GetValueOrDefault(address)).WaitAsync(AskTimeout);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Whatever keeps a silo from answering (gone, too slow, shutting down, its dashboard disabled) shows it
            // unreachable; it must never fail the page.
            DashboardLog.SiloDidNotAnswer(logger, address, exception.Message);
            return null;
        }
    }

    private DashboardSilo Row(ClusterMember member, SiloWorkerInfo? info, MembershipEntry? entry, SiloStats? stats, DateTimeOffset now)
    {
        var status = member.Status switch
        {
            SiloStatus.Active when stats is null => "unreachable",
            SiloStatus.None or SiloStatus.Created or SiloStatus.Joining => "joining",
            SiloStatus.ShuttingDown or SiloStatus.Stopping => "shuttingDown",
            _ => JsonNamingPolicy.CamelCase.ConvertName(member.Status.ToString()),
        };
        var started = info?.Started ?? MembershipDetails.Started(entry) ?? default;
        return new DashboardSilo(
            info?.Name ?? member.Name ?? member.SiloAddress.ToString(),
            member.SiloAddress.ToString(),
            status,
            info?.ApiUrl,
            started,
            member.Status == SiloStatus.Dead || started == default ? 0 : Math.Round(Math.Max(0, (now - started).TotalSeconds)),
            info?.WorkerSlots ?? stats?.Latest.WorkerSlots ?? 0,
            stats?.Latest.CpuPercent,
            stats?.Latest.MemoryBytes,
            stats?.Latest.BusyWorkers,
            stats?.Latest.ChunksPerSecond,
            stats?.Activations,
            details.SuspectedBy(entry, now));
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
    internal sealed record Collected(long Timestamp, ClusterSnapshot Cluster, IReadOnlyList<ClusterSample> History);
}
