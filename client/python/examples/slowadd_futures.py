"""Seed 003: ad-hoc computations with futures — submit, result, many futures, and the slowadd/slowsub exercise.

Changed from the seed: the executor line (`e = ThreadPoolExecutor(4)`); slowadd and slowsub are the cluster's
kernels of the same names, found by the functions' names. Delays are shorter than the seed's 1–10 s.
"""
import os
import time
from time import sleep

from graincompute import GrainComputeExecutor

e = GrainComputeExecutor(os.environ.get("GRAINCOMPUTE_URL", "http://127.0.0.1:8080"))


def slowadd(a, b, delay=1):
    sleep(delay)
    return a + b


def slowsub(a, b, delay=1):
    sleep(delay)
    return a - b


future = e.submit(slowadd, 1, 2, delay=0.5)
print(future)
print("result:", future.result())

t0 = time.time()
futures = [e.submit(slowadd, 1, 1, delay=0.5) for i in range(10)]
results = [f.result() for f in futures]
print("ten futures:", results, f"in {time.time() - t0:.1f} s")

### Parallel Version of the exercise
futures = []
for i in range(5):
    for j in range(5):
        if i < j:
            futures.append(e.submit(slowadd, i, j, delay=0.5))
        elif i > j:
            futures.append(e.submit(slowsub, i, j, delay=0.5))
results = [f.result() for f in futures]
print("exercise:", results)

# Futures as arguments: the cluster runs the sum once both inputs are done (a dependency, as in dask).
total = e.submit(slowadd, futures[0], futures[1], delay=0)
print("dependent:", total.result())
e.shutdown()
