using System.Collections.Concurrent;
using GrainCompute.Runtime.Hosting;

namespace GrainCompute.Runtime.Activation;

/// <summary>
/// The activations living on this silo: one per grain id, or a pool per stateless worker grain id.
/// Activation is implicit: the first work for an id creates its activation.
/// </summary>
internal sealed class Catalog(Silo silo, GrainClassRegistry classes)
{
    private readonly ConcurrentDictionary<GrainId, GrainActivation> _activations = new();
    private readonly ConcurrentDictionary<GrainId, StatelessWorkerPool> _pools = new();

    public GrainClassRegistry Classes { get; } = classes;

    public void Dispatch(GrainId id, ActivationWorkItem work)
    {
        GrainClass grainClass;
        try
        {
            grainClass = Classes.Resolve(id);
        }
        catch (InvalidOperationException exception)
        {
            work.Reject(exception);
            return;
        }

        if (grainClass.StatelessWorker is not null)
        {
            _pools.GetOrAdd(id, static (key, state) => new StatelessWorkerPool(key, state.grainClass, state.silo), (grainClass, silo)).Dispatch(work);
            return;
        }

        while (true)
        {
            var activation = _activations.GetOrAdd(id, static (key, state) => new GrainActivation(key, state.grainClass, state.silo), (grainClass, silo));
            if (activation.TryEnqueue(work))
            {
                return;
            }

            _activations.TryRemove(new KeyValuePair<GrainId, GrainActivation>(id, activation));
        }
    }

    /// <summary>Sends work that a deactivating activation still held to the id's next activation.</summary>
    public void Redeliver(GrainId id, ActivationWorkItem work) => Dispatch(id, work);

    public void Remove(GrainActivation activation)
    {
        if (activation.Class.StatelessWorker is not null)
        {
            if (_pools.TryGetValue(activation.Id, out var pool))
            {
                pool.Remove(activation);
            }

            return;
        }

        _activations.TryRemove(new KeyValuePair<GrainId, GrainActivation>(activation.Id, activation));
    }

    /// <summary>Local stateless worker activations of one id (for tests and the dashboard).</summary>
    public int WorkerCount(GrainId id) => _pools.TryGetValue(id, out var pool) ? pool.Count : 0;

    public bool IsActive(GrainId id) => _activations.ContainsKey(id);

    /// <summary>Activation counts by grain interface name.</summary>
    public IReadOnlyDictionary<string, int> CountByType()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var activation in AllActivations())
        {
            counts[activation.Id.Type] = counts.GetValueOrDefault(activation.Id.Type) + 1;
        }

        return counts;
    }

    /// <summary>Deactivates activations idle for their age: grains after <paramref name="grainAge"/>, workers after <paramref name="workerAge"/>.</summary>
    public async Task CollectIdleAsync(TimeSpan grainAge, TimeSpan workerAge)
    {
        var collections = new List<Task>();
        foreach (var activation in AllActivations())
        {
            var age = activation.Class.StatelessWorker is null ? grainAge : workerAge;
            if (activation.IsIdleFor(age))
            {
                collections.Add(activation.DeactivateAsync(evenIfBusy: false));
            }
        }

        await Task.WhenAll(collections).ConfigureAwait(false);
    }

    /// <summary>Waits until no activation has work, or <paramref name="timeout"/> passes.</summary>
    public async Task DrainAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = silo.TimeProvider.GetTimestamp() + (long)(timeout.TotalSeconds * silo.TimeProvider.TimestampFrequency);
        while (AllActivations().Any(a => a.Load > 0) && silo.TimeProvider.GetTimestamp() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), silo.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task DeactivateAllAsync()
    {
        await Task.WhenAll(AllActivations().Select(a => a.DeactivateAsync(evenIfBusy: true))).ConfigureAwait(false);
    }

    private IEnumerable<GrainActivation> AllActivations() =>
        _activations.Values.Concat(_pools.Values.SelectMany(pool => pool.Snapshot()));
}
