"""dask.distributed (seed 001): Client(LocalCluster) with one worker process per core; dask.bag for the tiny
square items and the prime sub-intervals (the seed's fastest dask code), client.map + gather for the rest,
client.submit + as_completed for noop futures, client.submit for every x + wait + gather for submit-all (pure=False:
dask would otherwise run equal calls once)."""
import logging
import time

import dask.bag as db
from dask.distributed import Client, LocalCluster, as_completed, wait

import peer_common
import seeds


def open_pool(workers, workload):
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                           silence_logs=logging.ERROR)
    return Client(cluster)


def run(client, workload, size, workers):
    if workload == "square":
        return db.from_sequence(range(size), npartitions=workers * 4).map(seeds.random_square).compute()
    if workload == "isprime":
        limits = seeds.subint_limits(size, workers)
        return db.from_sequence(limits, npartitions=workers).map(seeds.is_primePT).compute()
    function, items = peer_common.items(workload, size, workers)
    return client.gather(client.map(function, list(items), pure=False))


def noop(client, seconds, inflight):
    latencies = []
    started = {}
    pending = as_completed()
    start = time.perf_counter()
    deadline = start + seconds
    i = 0
    for _ in range(inflight):
        future = client.submit(seeds.noop, i, pure=False)
        started[future.key] = time.perf_counter()
        pending.add(future)
        i += 1
    for future in pending:
        latencies.append(time.perf_counter() - started.pop(future.key))
        if time.perf_counter() < deadline:
            nxt = client.submit(seeds.noop, i, pure=False)
            started[nxt.key] = time.perf_counter()
            pending.add(nxt)
            i += 1
    return peer_common.latency_stats(latencies, time.perf_counter() - start)


def submit_all(client, n):
    """client.submit for every x (pure=False), wait(futures), client.gather"""
    futures = [client.submit(seeds.noop, x, pure=False) for x in range(n)]
    wait(futures)
    return client.gather(futures)


def close_pool(client):
    cluster = client.cluster
    client.close()
    cluster.close()


if __name__ == "__main__":
    peer_common.main("dask.distributed", open_pool, run, close_pool, noop, submit_all)
