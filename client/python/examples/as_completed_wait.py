"""Seed 004: as_completed() and wait() over futures that take 1–5 s (here 0.1–0.5 s).

Changed from the seed: the pool line; return_after_5_secs is the cluster's slowadd with the seed's random delay.
"""
import os
from concurrent.futures import FIRST_COMPLETED, as_completed, wait
from random import randint

from graincompute import GrainComputeExecutor

pool = GrainComputeExecutor(os.environ.get("GRAINCOMPUTE_URL", "http://127.0.0.1:8080"))
futures = []
for x in range(5):
    futures.append(pool.submit("slowadd", a=x, b=0, delay=randint(1, 5) / 10))

for x in as_completed(futures):
    print("Return of {}".format(x.result()))

more = [pool.submit("slowadd", a=x, b=0, delay=randint(1, 5) / 10) for x in range(5)]
done, not_done = wait(more, return_when=FIRST_COMPLETED)
print("first completed:", len(done) >= 1)
print(wait(more))
pool.shutdown()
