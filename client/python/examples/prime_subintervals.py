"""Seed 001, 15.1.2: is 489133282872437279 prime? Its possible factors checked by sub-intervals in parallel.

Changed from the seed: the pool line; `pool.starmap(is_primeP, limits)` is the `isprime` kernel with one item per
sub-interval (its smallest factor there, 0 for none), so "all sub-loops report True" is "every item is 0".
"""
import os
import time

from graincompute import GrainComputeExecutor

t0 = time.time()                                       # initial time

num = 489133282872437279                               # number to check for primeness

num_cores = 256                                        # sub-intervals: the cluster spreads them over its cores

if __name__ == "__main__":
    pool = GrainComputeExecutor(os.environ.get("GRAINCOMPUTE_URL", "http://127.0.0.1:8080"))  # create set of worker processes
    results = [factor == 0 for factor in pool.job("isprime", n=num, intervals=num_cores).results()]  # distribute subloops to workers

# Check results: if all subloops report True, then "num" is prime, otherwise it's not
if all(results):
    print("Number is prime.")
else:
    print("Number is not prime.")

t1 = time.time()                                       # time at end of process

print(f"Execution time = {t1-t0:.2f} sec.")
pool.shutdown()
