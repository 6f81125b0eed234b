using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using GrainCompute.Grains.Placement;
using GrainCompute.Kernels;

namespace GrainCompute.Grains.Workers;

/// <summary>
/// The cluster's chunk workers as this silo's job grains see them: the active silos, each one's worker slots, and
/// how many chunks this silo's jobs have out on each. A job grain sends each chunk to the silo with the most free
/// room per slot, so a silo that joins takes chunks as soon as membership shows it active, a faster or emptier silo
/// takes more, and a silo that shuts down (or is declared dead) gets none.
/// </summary>
/// <remarks>
/// What each silo says of itself (<see cref="ISiloWorkerGrain.GetInfo"/>: slots, name, API address, kernels) is asked
/// once per silo and kept, for placement here and for `/api/cluster`, `/api/kernels` and the dashboard. A chunk goes
/// to no silo known not to serve its kernel at the job's version; a silo that has not answered yet is assumed to
/// serve it with as many slots as this one (its worker refuses a chunk it cannot run). All state is per silo process
/// and lock-free.
/// </remarks>
public sealed class ClusterWorkers : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>
    /// How long a silo whose call failed (it is draining, or dead but not yet declared so) is passed over: longer than
    /// the default drain, so a draining silo gets no chunks until it leaves.
    /// </summary>
    private static readonly TimeSpan RefusalMemory = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<SiloAddress, SiloWorkerInfo> _info = new();
    private readonly ConcurrentDictionary<SiloAddress, byte> _asking = new();
    // Chunks and calls sent to each silo and not yet returned: a counter per silo, bumped without the dictionary's
    // bucket locks (AddOrUpdate took one per send and return, contended at tens of thousands of calls a second).
    private readonly ConcurrentDictionary<SiloAddress, StrongBox<int>> _outstanding = new();
    private readonly ConcurrentDictionary<SiloAddress, long> _refusedAt = new();
    private readonly IClusterMembershipService _membership;
    private readonly IGrainFactory _grains;
    private readonly LocalSilo _local;
    private readonly TimeProvider _time;
    private readonly SiloAddress _here;
    private readonly CancellationTokenSource _stopping = new();
    private ActiveView _active = new(MembershipVersion.MinValue, []);

    public ClusterWorkers(IClusterMembershipService membership, IGrainFactory grains, LocalSilo local, KernelCatalog catalog, ILocalSiloDetails here, TimeProvider time)
    {
        (_membership, _grains, _local, _time) = (membership, grains, local, time);
        LocalInfo = new SiloWorkerInfo(local.Name, local.ApiUrl, local.WorkerSlots, local.Started, [.. catalog.All.Select(KernelOffer.Of)]);
        _here = here.SiloAddress;
        _info[_here] = LocalInfo;
    }

    /// <summary>What this silo says of itself.</summary>
    public SiloWorkerInfo LocalInfo { get; }

    /// <summary>This silo's address.</summary>
    internal SiloAddress Here => _here;

    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(
        nameof(ClusterWorkers),
        ServiceLifecycleStage.Active,
        started =>
        {
            _ = AskNewcomersAsync(_stopping.Token);
            return Task.CompletedTask;
        },
        _ =>
        {
            _stopping.Cancel();
            return Task.CompletedTask;
        });

    /// <summary>Silos whose status is active in the current membership view.</summary>
    internal IReadOnlyList<SiloAddress> ActiveSilos
    {
        get
        {
            var snapshot = _membership.CurrentSnapshot;
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
    internal int TotalSlots => ActiveSilos.Sum(SlotsOf);

    /// <summary>
    /// The silo with the most free room per slot among those that may serve <paramref name="kernel"/> at
    /// <paramref name="version"/>; null when none may.
    /// </summary>
    internal SiloAddress? Pick(string kernel, string? version)
    {
        SiloAddress? best = null;
        var bestLoad = double.MaxValue;
        var now = _time.GetTimestamp();
        foreach (var silo in ActiveSilos)
        {
            if (_info.TryGetValue(silo, out var info) && !info.Serves(kernel, version))
            {
                continue;
            }

            var load = ((_outstanding.TryGetValue(silo, out var sent) ? Volatile.Read(ref sent.Value) : 0) + 1.0) / SlotsOf(silo);
            if (_refusedAt.TryGetValue(silo, out var refused) && _time.GetElapsedTime(refused, now) < RefusalMemory)
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

    internal void Sent(SiloAddress silo) => Interlocked.Increment(ref _outstanding.GetOrAdd(silo, _ => new StrongBox<int>()).Value);

    internal void Returned(SiloAddress silo)
    {
        if (_outstanding.TryGetValue(silo, out var sent))
        {
            Interlocked.Decrement(ref sent.Value);
        }
    }

    /// <summary>The call was lost to the cluster (a dead or leaving silo, a lost message), not answered with an error.</summary>
    internal static bool IsLostCall(Exception exception) =>
        exception is SiloUnavailableException or SiloStoppingException or OrleansMessageRejectionException or TimeoutException;

    /// <summary>A call to the silo failed (it is draining, or dead but not yet declared so): pass it over for a while.</summary>
    internal void Refused(SiloAddress silo) => _refusedAt[silo] = _time.GetTimestamp();

    /// <summary>Drops what is known of silos that left the membership view, so rolling restarts leave nothing behind.</summary>
    private void Forget(ClusterMembershipSnapshot snapshot)
    {
        foreach (var silo in _info.Keys.Concat(_refusedAt.Keys).Where(s => s != _here && !snapshot.Members.ContainsKey(s)).ToList())
        {
            _info.TryRemove(silo, out _);
            _refusedAt.TryRemove(silo, out _);
        }
    }

    /// <summary>What the silo said of itself, if it has answered already.</summary>
    public bool TryGetInfo(SiloAddress silo, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SiloWorkerInfo? info) => _info.TryGetValue(silo, out info);

    /// <summary>What the silo says of itself, asked once and kept; null when it does not answer (asked again next time).</summary>
    public async Task<SiloWorkerInfo?> InfoAsync(SiloAddress silo)
    {
        if (_info.TryGetValue(silo, out var known))
        {
            return known;
        }

        try
        {
            var info = await _grains.GetGrain<ISiloWorkerGrain>(SiloKey.Of(silo)).GetInfo().WaitAsync(AskTimeout).ConfigureAwait(false);
            _info[silo] = info;
            return info;
        }
        catch (Exception exception) when (exception is SiloUnavailableException or OrleansException or TimeoutException)
        {
            return null;
        }
    }

    private int SlotsOf(SiloAddress silo)
    {
        if (_info.TryGetValue(silo, out var info))
        {
            return Math.Max(1, info.WorkerSlots);
        }

        Learn(silo);
        return _local.WorkerSlots;
    }

    /// <summary>
    /// Asks each silo that turns active what it serves as soon as membership shows it, so that the first job after a
    /// join already knows which silos have its kernel (job grain placement reads it too).
    /// </summary>
    private async Task AskNewcomersAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var snapshot in _membership.MembershipUpdates.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                foreach (var member in snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active && !_info.ContainsKey(m.SiloAddress)))
                {
                    Learn(member.SiloAddress);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void Learn(SiloAddress silo)
    {
        if (_asking.TryAdd(silo, 0))
        {
            _ = LearnAsync(silo);
        }
    }

    private async Task LearnAsync(SiloAddress silo)
    {
        await InfoAsync(silo).ConfigureAwait(false);
        _asking.TryRemove(silo, out _);
    }

    private sealed record ActiveView(MembershipVersion Version, SiloAddress[] Silos);
}
