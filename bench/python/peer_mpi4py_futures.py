"""mpi4py.futures (seed 000): MPIPoolExecutor.map, as the seed's Julia example; run it under mpiexec with one
rank more than workers:  mpiexec -n 3 python3 -m mpi4py.futures peer_mpi4py_futures.py julia 1280x960
submit-all: executor.submit for every x, then wait(futures); the peak RSS counts the ranks, not mpiexec."""
import os
from concurrent.futures import FIRST_COMPLETED, wait

from mpi4py.futures import MPIPoolExecutor

import peer_common
import seeds


def open_pool(workers, workload):
    executor = MPIPoolExecutor()
    executor.bootup(wait=True)
    return executor


def run(executor, workload, size, workers):
    function, items = peer_common.items(workload, size, workers)
    items = list(items)
    return list(executor.map(function, items, chunksize=peer_common.chunksize(workload, items, workers)))


def noop(executor, seconds, inflight):
    return peer_common.closed_loop(
        lambda i: executor.submit(seeds.noop, i),
        lambda pending: wait(pending, return_when=FIRST_COMPLETED).done,
        seconds,
        inflight)


def submit_all(executor, n):
    """MPIPoolExecutor.submit for every x, wait(futures), .result() of each"""
    futures = [executor.submit(seeds.noop, x) for x in range(n)]
    wait(futures)
    return [f.result() for f in futures]


def close_pool(executor):
    executor.shutdown(wait=True)


if __name__ == "__main__":
    # The ranks are mpiexec's children: this one (the manager) and the workers.
    peer_common.main("mpi4py.futures", open_pool, run, close_pool, noop, submit_all, rss_root=(os.getppid(), False))
