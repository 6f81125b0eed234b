using System.Collections.Concurrent;
using GrainCompute.Runtime.Activation;

namespace GrainCompute.Runtime.Placement;

/// <summary>
/// Decides which silo serves a call.
/// </summary>
/// <remarks>
/// Design note. Ordinary grains live where rendezvous hashing (highest random weight over grain id × silo)
/// puts them among the active silos. Every silo with the same view computes the same owner, so no directory
/// is needed; a membership change moves only the grains of the silos that came or went; a call that reaches
/// a silo that is not the owner (views differ for a moment) is forwarded. Stateless workers are local, or,
/// with <see cref="WorkerPlacement.AcrossSilos"/>, go to the silo with the fewest of this silo's calls in
/// flight to that grain type per worker slot (least outstanding requests, ties broken round-robin), which spreads load and
/// adapts to slow silos without a global load table.
/// </remarks>
internal sealed class PlacementDirector(SiloAddress self, Func<ClusterView> view, Func<SiloAddress, int> slots)
{
    /// <summary>This silo; known only once its listener is bound.</summary>
    public SiloAddress Self { get; set; } = self;

    private readonly ConcurrentDictionary<(string Type, SiloAddress Silo), int> _outstanding = new();
    private int _roundRobin;

    public SiloAddress OwnerOf(GrainId id)
    {
        var active = view().Active;
        if (active.Count == 0)
        {
            return Self;
        }

        var hash = id.StableHash();
        SiloAddress best = active[0];
        var bestScore = 0UL;
        foreach (var silo in active)
        {
            var score = StableHashing.Mix(hash, silo.StableHash);
            if (score >= bestScore)
            {
                (best, bestScore) = (silo, score);
            }
        }

        return best;
    }

    /// <summary>Where a call to <paramref name="id"/> goes; for spread workers, also counts it as outstanding until <see cref="Completed"/>.</summary>
    public SiloAddress Place(GrainId id, GrainClass? grainClass)
    {
        if (grainClass?.SiloBound == true)
        {
            return SiloAddress.Parse(id.Key);
        }

        var worker = grainClass?.StatelessWorker;
        if (worker is null)
        {
            return OwnerOf(id);
        }

        if (worker.Placement == WorkerPlacement.Local)
        {
            return Self;
        }

        var active = view().Active;
        if (active.Count <= 1)
        {
            return Self;
        }

        var start = (int)((uint)Interlocked.Increment(ref _roundRobin) % (uint)active.Count);
        var chosen = active[start];
        var fewest = double.MaxValue;
        for (var i = 0; i < active.Count; i++)
        {
            var silo = active[(start + i) % active.Count];
            // Outstanding calls per worker slot, so a silo twice the size takes twice the calls.
            var load = _outstanding.GetValueOrDefault((id.Type, silo)) / (double)Math.Max(1, slots(silo));
            if (load < fewest)
            {
                (chosen, fewest) = (silo, load);
            }
        }

        _outstanding.AddOrUpdate((id.Type, chosen), 1, static (_, n) => n + 1);
        return chosen;
    }

    public void Completed(GrainId id, SiloAddress silo) =>
        _outstanding.AddOrUpdate((id.Type, silo), 0, static (_, n) => Math.Max(0, n - 1));
}
