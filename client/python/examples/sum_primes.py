"""Seed 004: the sum of all primes below each of 100000, 200000, 300000.

Changed from the seed: the executor line; `executor.map(find_sum, nums)` is the `sumprimes` kernel, one item per
number, read in input order.
"""
import os
import time

from graincompute import GrainComputeExecutor


def sum_primes_cluster(nums):
    with GrainComputeExecutor(os.environ.get("GRAINCOMPUTE_URL", "http://127.0.0.1:8080")) as executor:
        for number, sum_res in zip(nums, executor.job("sumprimes", numbers=nums).results()):
            print("{} : Sum = {}".format(number, sum_res))


if __name__ == '__main__':
    nums = [100000, 200000, 300000]
    start = time.time()
    sum_primes_cluster(nums)
    print("Time taken = {0:.5f}".format(time.time() - start))
