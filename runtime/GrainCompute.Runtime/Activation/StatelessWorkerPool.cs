using GrainCompute.Runtime.Hosting;

namespace GrainCompute.Runtime.Activation;

/// <summary>
/// The local activations of one stateless worker grain id. A call goes to an idle activation; when none is
/// idle a new one is made, up to the class's MaxLocalWorkers (else the silo's worker slots); past that, to the least loaded. Idle
/// activations are collected by the catalog's sweep, so the pool shrinks when work stops.
/// </summary>
internal sealed class StatelessWorkerPool(GrainId id, GrainClass grainClass, Silo silo)
{
    private readonly int _maxWorkers = grainClass.StatelessWorker!.MaxLocalWorkers is > 0 and var max ? max : silo.Options.WorkerSlots;
    private readonly Lock _lock = new();
    private readonly List<GrainActivation> _workers = []; // guarded by _lock; only live (not deactivating) ones

    public GrainId Id { get; } = id;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _workers.Count;
            }
        }
    }

    public void Dispatch(ActivationWorkItem work)
    {
        while (true)
        {
            GrainActivation target;
            lock (_lock)
            {
                target = Choose();
            }

            if (target.TryEnqueue(work))
            {
                return;
            }

            Remove(target);
        }
    }

    public void Remove(GrainActivation worker)
    {
        lock (_lock)
        {
            _workers.Remove(worker);
        }
    }

    public GrainActivation[] Snapshot()
    {
        lock (_lock)
        {
            return [.. _workers];
        }
    }

    private GrainActivation Choose()
    {
        GrainActivation? leastLoaded = null;
        var leastLoad = int.MaxValue;
        foreach (var worker in _workers)
        {
            var load = worker.Load;
            if (load == 0)
            {
                return worker;
            }

            if (load < leastLoad)
            {
                (leastLoaded, leastLoad) = (worker, load);
            }
        }

        if (leastLoaded is not null && _workers.Count >= _maxWorkers)
        {
            return leastLoaded;
        }

        var created = new GrainActivation(Id, grainClass, silo);
        _workers.Add(created);
        return created;
    }
}
