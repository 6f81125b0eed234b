"""Seed 003's further practice: pairwise correlations of series, one e.submit per pair.

Changed from the seed: the executor line; each pair's Pearson r comes from the `correlate` kernel given the two
series (its items: r(a, b) and r(b, a)). The seed reads HDF5 files; these series are seeded random walks.
"""
import os
import random
import statistics

from graincompute import GrainComputeExecutor

e = GrainComputeExecutor(os.environ.get("GRAINCOMPUTE_URL", "http://127.0.0.1:8080"))

rng = random.Random(42)
filenames = [f"series-{k}" for k in range(4)]
series = {}
for name in filenames:
    walk, x = [], 0.0
    for _ in range(1000):
        x += rng.gauss(0, 1)
        walk.append(x)
    series[name] = walk

### Parallel Code
futures = {}
for a in filenames:
    for b in filenames:
        if a != b:
            futures[a, b] = e.submit("correlate", data=[series[a], series[b]])

results = {k: v.result()[0] for k, v in futures.items()}
for (a, b), r in sorted(results.items()):
    print(f"{a} {b} {r:.6f}")
worst = max(abs(r - statistics.correlation(series[a], series[b])) for (a, b), r in results.items())
print(f"largest difference to statistics.correlation: {worst:.2e}")
e.shutdown()
