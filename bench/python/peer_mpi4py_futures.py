"""mpi4py.futures (seed 000): MPIPoolExecutor.map, as the seed's Julia example; run it under mpiexec with one
rank more than workers:  mpiexec -n 3 python3 -m mpi4py.futures peer_mpi4py_futures.py julia 1280x960"""
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


def close_pool(executor):
    executor.shutdown(wait=True)


if __name__ == "__main__":
    peer_common.main("mpi4py.futures", open_pool, run, close_pool, noop)
