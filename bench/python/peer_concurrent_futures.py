"""concurrent.futures (seeds 001, 003, 004): ProcessPoolExecutor.map for CPU work, ThreadPoolExecutor(4) for
seed 003's I/O-bound slowadd, submit() + wait(FIRST_COMPLETED) for noop futures, and the seeds' habit for
submit-all: futures = [executor.submit(f, x) for x in xs]; wait(futures)."""
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, ThreadPoolExecutor, wait

import peer_common
import seeds


def open_pool(workers, workload):
    if workload == "slowadd":
        return ThreadPoolExecutor(4)  # seed 003: e = ThreadPoolExecutor(4)
    return ProcessPoolExecutor(max_workers=workers)


def run(pool, workload, size, workers):
    function, items = peer_common.items(workload, size, workers)
    chunksize = 1 if isinstance(pool, ThreadPoolExecutor) else peer_common.chunksize(workload, items, workers)
    return list(pool.map(function, items, chunksize=chunksize))


def noop(pool, seconds, inflight):
    return peer_common.closed_loop(
        lambda i: pool.submit(seeds.noop, i),
        lambda pending: wait(pending, return_when=FIRST_COMPLETED).done,
        seconds,
        inflight)


def submit_all(pool, n):
    """ProcessPoolExecutor.submit for every x, wait(futures), .result() of each"""
    futures = [pool.submit(seeds.noop, x) for x in range(n)]
    wait(futures)
    return [f.result() for f in futures]


def close_pool(pool):
    pool.shutdown(wait=True)


if __name__ == "__main__":
    peer_common.main("concurrent.futures", open_pool, run, close_pool, noop, submit_all)
