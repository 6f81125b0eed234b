"""Command line, clock and JSON line shared by the peer_*.py scripts.

    python3 peer_<tool>.py WORKLOAD SIZE [--repeats R] [--warmup SIZE] [--workers W] [--inflight K]

Prints one JSON line on stdout: {"tool", "workload", "size", "workers", "startupSeconds", "seconds": [...],
"result", ...}; for noop also futuresPerSecond, p50Ms, p99Ms (or a "note" when the tool has no futures); for
submit-all the worst round's right results as "result", all rounds' "futures" and "right", the tree's "peakRssMiB"
and how the tool submits and waits as "note", in a line after each round (the last one has them all).
The pool starts before the clock (startupSeconds), then a warm-up run at the --warmup size, then R timed runs.
"""
import argparse
import json
import os
import sys
import time

import peer_rss
import seeds

WORKLOADS = ["square", "isprime", "julia", "sumprimes", "countprimes", "collatz", "montecarlo-pi", "slowadd", "noop", "noop-map", "submit-all"]


def parse_size(workload, text):
    if workload == "julia":
        w, h = text.lower().split("x")
        return int(w), int(h)
    if workload == "sumprimes":
        return [int(x) for x in text.split(",")]
    if workload == "slowadd":
        count, delay = text.lower().split("x")
        return int(count), float(delay)
    if workload == "noop":
        return float(text)
    if workload == "submit-all":
        return int(text)
    # Exact integers stay exact (isprime's 489133282872437279 is beyond a double's 53 bits); "1e7" still works.
    return int(text) if text.lstrip("-").isdigit() else int(float(text))


def items(workload, size, workers):
    """The tasks of a workload, the same for every tool: (function, iterable)."""
    from functools import partial

    if workload == "square":
        return seeds.random_square, range(size)
    if workload == "isprime":
        return seeds.is_primePT, seeds.subint_limits(size, workers)
    if workload == "julia":
        w, h = size
        return partial(seeds.julia_line, w=w, h=h), range(h)
    if workload == "sumprimes":
        return seeds.find_sum, size
    if workload == "countprimes":
        return seeds.count_primes, seeds.prime_batches(size, workers)
    if workload == "collatz":
        return seeds.collatz_max, seeds.blocks(1, size, 64)
    if workload == "montecarlo-pi":
        return seeds.pi_hits, seeds.pi_blocks(size)
    if workload == "slowadd":
        count, delay = size
        return seeds.slowadd_args, [(1, 2, delay) for _ in range(count)]
    if workload == "noop-map":
        return seeds.noop, range(size)
    raise ValueError(f"no items for {workload}")


def chunksize(workload, items, workers):
    """Tasks per message for the pools' map: one for noop-map (each task on its own), else the tools' usual batching."""
    return 1 if workload == "noop-map" else max(1, len(items) // (workers * 16))


def summarize(workload, size, results):
    """One comparable value per workload, the same the C# side reports."""
    results = list(results)
    if workload == "square":
        return sum(results)
    if workload == "isprime":
        return all(results)
    if workload == "julia":
        return sum(sum(line) for line in results)
    if workload == "sumprimes":
        return results
    if workload in ("countprimes", "slowadd"):
        return sum(results)
    if workload == "collatz":
        return max(results)
    if workload == "montecarlo-pi":
        return 4.0 * sum(results) / size
    if workload == "noop-map":
        return len(results)
    return None


def latency_stats(latencies, elapsed):
    ordered = sorted(latencies)

    def rank(p):
        return ordered[min(len(ordered) - 1, max(0, int(-(-p * len(ordered) // 1)) - 1))] * 1000.0

    return {
        "futures": len(ordered),
        "futuresPerSecond": len(ordered) / elapsed,
        "p50Ms": rank(0.50),
        "p99Ms": rank(0.99),
    }


def closed_loop(submit, wait_any, seconds, inflight):
    """Keeps `inflight` futures pending for `seconds`, then drains; latency is submit -> seen done."""
    latencies = []
    pending = {}
    start = time.perf_counter()
    deadline = start + seconds
    i = 0
    while True:
        now = time.perf_counter()
        while now < deadline and len(pending) < inflight:
            pending[submit(i)] = time.perf_counter()
            i += 1
        if not pending:
            break
        for future in wait_any(list(pending)):
            latencies.append(time.perf_counter() - pending.pop(future))
        if time.perf_counter() >= deadline and not pending:
            break
    return latency_stats(latencies, time.perf_counter() - start)


def submit_all_rounds(submit_all, pool, n, repeats, rss_root, report):
    """R rounds of n futures submitted at once, then waited on together; the clock ends with every result read.
    Reports the rounds so far after each one, so a run stopped at the harness's cap still says what it measured."""
    peer_rss.reset(rss_root)
    times, rights = [], []
    for _ in range(repeats):
        t = time.perf_counter()
        results = submit_all(pool, n)
        times.append(time.perf_counter() - t)
        # noop(x) returns x: a result missing, repeated or in the wrong place is not right.
        rights.append(sum(1 for i, r in enumerate(results) if r == i) if len(results) == n else 0)
        report({"seconds": times, "result": min(rights), "futures": n * len(times), "right": sum(rights),
                "peakRssMiB": peer_rss.peak_mib(rss_root), "note": submit_all.__doc__})


def main(tool, open_pool, run, close_pool, noop=None, submit_all=None, rss_root=None):
    parser = argparse.ArgumentParser(description=f"{tool} on a seed workload; prints one JSON line")
    parser.add_argument("workload", choices=WORKLOADS)
    parser.add_argument("size")
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--warmup", default=None, help="size of the untimed warm-up run (default: none)")
    parser.add_argument("--workers", type=int, default=os.cpu_count())
    parser.add_argument("--inflight", type=int, default=64)
    args = parser.parse_args()
    size = parse_size(args.workload, args.size)
    out = {"tool": tool, "workload": args.workload, "size": args.size, "workers": args.workers}

    t0 = time.perf_counter()
    pool = open_pool(args.workers, args.workload)
    out["startupSeconds"] = time.perf_counter() - t0
    try:
        if args.workload == "noop":
            if noop is None:
                out["note"] = f"{tool} has no futures API (Parallel only maps; see noop map)"
                return emit(out)
            if args.warmup:
                noop(pool, parse_size("noop", args.warmup), args.inflight)
            stats = noop(pool, size, args.inflight)
            out.update(stats)
            out["seconds"] = [size]
            out["result"] = stats["futures"]
            return emit(out)

        if args.workload == "submit-all":
            if submit_all is None:
                out["note"] = f"{tool} has no futures API (Parallel only maps; see noop map)"
                return emit(out)
            if args.warmup:
                submit_all(pool, parse_size("submit-all", args.warmup))
            return submit_all_rounds(submit_all, pool, size, args.repeats, rss_root or os.getpid(), lambda rounds: emit({**out, **rounds}))

        if args.warmup:
            run(pool, args.workload, parse_size(args.workload, args.warmup), args.workers)
        times = []
        result = None
        for _ in range(args.repeats):
            t = time.perf_counter()
            result = summarize(args.workload, size, run(pool, args.workload, size, args.workers))
            times.append(time.perf_counter() - t)
        out["seconds"] = times
        out["result"] = result
        return emit(out)
    finally:
        close_pool(pool)


def emit(out):
    sys.stdout.write(json.dumps(out) + "\n")
    sys.stdout.flush()
