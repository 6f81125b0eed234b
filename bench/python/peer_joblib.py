"""joblib (seed 001): Parallel(n_jobs=cores)(delayed(f)(x) ...), one Parallel reused across runs; threads for
the I/O-bound slowadd as the seed suggests (prefer="threads"). joblib has no futures API: noop reports that;
noop-map times Parallel over the no-op calls."""
from joblib import Parallel, delayed

import peer_common
import seeds


class Pools:
    def __init__(self, workers, workload):
        prefer = "threads" if workload == "slowadd" else None
        batch_size = 1 if workload == "noop-map" else "auto"  # noop-map: each task on its own
        self.parallel = Parallel(n_jobs=workers, prefer=prefer, batch_size=batch_size)
        self.parallel.__enter__()


def open_pool(workers, workload):
    return Pools(workers, workload)


def run(pool, workload, size, workers):
    if workload == "isprime":
        limits = seeds.subint_limits(size, workers)
        return pool.parallel(delayed(seeds.is_primeP)(*limits[i]) for i in range(len(limits)))
    function, items = peer_common.items(workload, size, workers)
    return pool.parallel(delayed(function)(x) for x in items)


def close_pool(pool):
    pool.parallel.__exit__(None, None, None)


if __name__ == "__main__":
    peer_common.main("joblib", open_pool, run, close_pool)  # no futures API: noop says so; noop-map times Parallel
