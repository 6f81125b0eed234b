"""GrainCompute's own Python client (client/python, a concurrent.futures.Executor) against the silo process the
harness started (GRAINCOMPUTE_URL), written the way the seeds use ProcessPoolExecutor: submit-all is
futures = [executor.submit(...) for x in xs]; wait(futures); noop map is list(executor.map(..., chunksize=c)) with the
chunksize the other tools' rows pass (peer_common.chunksize: 1 for noop map, each task on its own), so every column
maps the same way. Here chunksize=1 is a job per call; chunksize > 1 would send future groups (one job per 10,000
calls, c calls per chunk), the counterpart of a process pool's batches of c tasks.

The calls are slowadd(a=x, b=0, delay=0): a one-item job that returns x, so a result missing, repeated or in the
wrong place shows as not right (noop returns 0 whatever x is)."""
import itertools
import os
import sys
from concurrent.futures import FIRST_COMPLETED, wait

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "client", "python"))

from graincompute import GrainComputeExecutor  # noqa: E402

import peer_common  # noqa: E402


def open_pool(workers, workload):
    # Jobs keep their results 10 minutes, as the C# submit-all rounds' do, so the silo forgets them sooner.
    return GrainComputeExecutor(os.environ["GRAINCOMPUTE_URL"], client_name="bench-python", options={"retentionSeconds": 600})


def run(pool, workload, size, workers):
    if workload != "noop-map":
        raise ValueError(f"the Python client row measures submit-all, noop and noop map only, not {workload}")
    xs = range(size)
    return list(pool.map("slowadd", xs, itertools.repeat(0), delay=0, chunksize=peer_common.chunksize(workload, xs, workers)))


def noop(pool, seconds, inflight):
    return peer_common.closed_loop(
        lambda i: pool.submit("noop", n=1),
        lambda pending: wait(pending, return_when=FIRST_COMPLETED).done,
        seconds,
        inflight)


def submit_all(pool, n):
    """GrainComputeExecutor.submit('slowadd', x, 0, delay=0) for every x (batched by its submit thread), wait(futures), .result() of each"""
    futures = [pool.submit("slowadd", x, 0, delay=0) for x in range(n)]
    wait(futures)
    return [f.result() for f in futures]


def close_pool(pool):
    pool.shutdown(wait=True)


if __name__ == "__main__":
    peer_common.main("GrainCompute Python", open_pool, run, close_pool, noop, submit_all)
