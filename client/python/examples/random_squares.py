"""Seed 001, 15.1.1: random_square(i) for a million seeds (numpy's seed(i); randint(0, 10), squared).

Changed from the seed: the pool line; the squares are the `square` kernel's items, bit-identical to numpy's.
"""
import os
import time

from graincompute import GrainComputeExecutor

t0 = time.time()                                                     # initial time

if __name__ == "__main__":                                           # check that we're in the parent process
    pool = GrainComputeExecutor(os.environ.get("GRAINCOMPUTE_URL", "http://127.0.0.1:8080"))  # create set of worker processes
    results = list(pool.job("square", n=1000000).results())         # the cluster's items, seeds 0..999999

print(f"First five and last five results: {results[0:5]}, ..., {results[-5:]}")

t1 = time.time()                                                     # time at end of process

print(f"Execution time = {t1 - t0:.2f} sec.")
pool.shutdown()
