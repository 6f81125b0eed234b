"""Seed 002 (monte_carlo_pi.py): π from random points in the unit square.

Changed from the seed: the pool; the samples are drawn on the cluster in seeded blocks (`montecarlo-pi`).
"""
import os
import sys

from graincompute import GrainComputeExecutor

if __name__ == "__main__":
    samples = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
    with GrainComputeExecutor(os.environ.get("GRAINCOMPUTE_URL", "http://127.0.0.1:8080")) as executor:
        pi = executor.submit("montecarlo-pi", samples=samples).result()
    print(f"pi is approximately {pi:.6f} ({samples} samples)")
