"""Seed 002: how many primes are between 2 and n (the seed asks with input(); here: argv, default 100000).

Changed from the seed: the processes with a shared, locked counter are one `countprimes` job on the cluster.
"""
import os
import sys

from graincompute import GrainComputeExecutor


def parallel_count_primes(n: int, executor):
    """Counts the primes between 2 and n on the cluster (the seed: with m processes and a shared counter)."""
    count = executor.submit("countprimes", n=n).result()
    print(f"There are {count} primes between 2 and {n}")


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
    with GrainComputeExecutor(os.environ.get("GRAINCOMPUTE_URL", "http://127.0.0.1:8080")) as executor:
        parallel_count_primes(n, executor)
