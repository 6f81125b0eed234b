using System.Collections.Concurrent;
using GrainCompute.Grains.Placement;

namespace GrainCompute.Grains.Workers;

/// <summary>
/// The cluster's chunk workers as this silo's job grains see them: the active silos, each one's worker slots, and
/// how many chunks this silo's jobs have out on each. A job grain sends each chunk to the silo with the most free
/// room per slot, so a silo that joins takes chunks as soon as membership shows it active, a faster or emptier silo
/// takes more, and a silo that shuts down (or is declared dead) gets none.
/// </summary>
/// <remarks>
/// Slots come from each silo's <see cref="ISiloWorkerGrain.GetInfo"/>, asked once per silo; until the answer
/// arrives a silo is assumed to have as many as this one. All state is per silo process and lock-free.
/// </remarks>
internal sealed class ClusterWorkers(IClusterMembershipService membership, IGrainFactory grains, LocalSilo local, TimeProvider time)
{
    /// <summary>
    /// How long a silo whose call failed (it is draining, or dead but not yet declared so) is passed over: longer than
    /// the default drain, so a draining silo gets no chunks until it leaves.
    /// </summary>
    private static readonly TimeSpan RefusalMemory = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<SiloAddress, int> _slots = new();
    private readonly ConcurrentDictionary<SiloAddress, int> _outstanding = new();
    private readonly ConcurrentDictionary<SiloAddress, long> _refusedAt = new();
    private ActiveView _active = new(MembershipVersion.MinValue, []);

    /// <summary>Silos whose status is active in the current membership view.</summary>
    public IReadOnlyList<SiloAddress> ActiveSilos
    {
        get
        {
            var snapshot = membership.CurrentSnapshot;
            var active = _active;
            if (active.Version != snapshot.Version)
            {
                active = new(snapshot.Version, [.. snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress)]);
                _active = active;
                Forget(snapshot);
            }

            return active.Silos;
        }
    }

    /// <summary>Worker slots over all active silos: how many chunks a job keeps out (times its look-ahead).</summary>
    public int TotalSlots => ActiveSilos.Sum(SlotsOf);

    /// <summary>The silo with the most free room per slot for the next chunk; null when no silo is active.</summary>
    public SiloAddress? Pick()
    {
        SiloAddress? best = null;
        var bestLoad = double.MaxValue;
        var now = time.GetTimestamp();
        foreach (var silo in ActiveSilos)
        {
            var load = (_outstanding.GetValueOrDefault(silo) + 1.0) / SlotsOf(silo);
            if (_refusedAt.TryGetValue(silo, out var refused) && time.GetElapsedTime(refused, now) < RefusalMemory)
            {
                load += 1_000_000; // a draining silo only when there is nothing else
            }

            if (load < bestLoad)
            {
                (best, bestLoad) = (silo, load);
            }
        }

        return best;
    }

    public void Sent(SiloAddress silo) => _outstanding.AddOrUpdate(silo, 1, (_, n) => n + 1);

    public void Returned(SiloAddress silo) => _outstanding.AddOrUpdate(silo, 0, (_, n) => Math.Max(0, n - 1));

    /// <summary>A call to the silo failed (it is draining, or dead but not yet declared so): pass it over for a while.</summary>
    public void Refused(SiloAddress silo) => _refusedAt[silo] = time.GetTimestamp();

    /// <summary>Drops what is known of silos that left the membership view, so rolling restarts leave nothing behind.</summary>
    private void Forget(ClusterMembershipSnapshot snapshot)
    {
        foreach (var silo in _slots.Keys.Concat(_refusedAt.Keys).Where(s => !snapshot.Members.ContainsKey(s)).ToList())
        {
            _slots.TryRemove(silo, out _);
            _refusedAt.TryRemove(silo, out _);
        }
    }

    private int SlotsOf(SiloAddress silo)
    {
        if (_slots.TryGetValue(silo, out var slots))
        {
            return slots;
        }

        _slots[silo] = local.WorkerSlots;
        _ = LearnSlotsAsync(silo);
        return local.WorkerSlots;
    }

    private async Task LearnSlotsAsync(SiloAddress silo)
    {
        try
        {
            var info = await grains.GetGrain<ISiloWorkerGrain>(SiloKey.Of(silo)).GetInfo().ConfigureAwait(false);
            _slots[silo] = Math.Max(1, info.WorkerSlots);
        }
        catch (Exception exception) when (exception is SiloUnavailableException or OrleansException or TimeoutException)
        {
            _slots.TryRemove(silo, out _); // ask again next time
        }
    }

    private sealed record ActiveView(MembershipVersion Version, SiloAddress[] Silos);
}
