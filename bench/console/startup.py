#!/usr/bin/env python3
"""Whole-process start-up time of `graincompute` commands, variants interleaved.

Each round runs every variant once (in the same order), so a machine shared with other work slows them all alike;
the table gives the median and the fastest wall time, the median CPU time (user + sys, which other work disturbs
less) and the median wall time as a ratio to the first variant's (the baseline, measured in the same run). Two
unmeasured rounds first warm the page cache. --output also writes the table to a file.

    python3 bench/console/startup.py -n 10 \
        'jit=dotnet client/GrainCompute.Console/bin/Release/net10.0/graincompute.dll' \
        'r2r=dotnet publish/graincompute.dll' \
        -o bench/results/console-startup.md -- run noop --cluster http://127.0.0.1:18080
"""

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import time


def run_once(command):
    started = time.perf_counter()
    before = os.times()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    after = os.times()
    wall = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"{shlex.join(command)} exited {result.returncode}: {result.stderr.decode(errors='replace').strip()}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--runs", type=int, default=10, help="measured rounds (default 10)")
    parser.add_argument("-w", "--warmup", type=int, default=2, help="unmeasured rounds first (default 2)")
    parser.add_argument("-o", "--output", help="also write the table to this file")
    parser.add_argument("variants", nargs="+", help="NAME=COMMAND, the command before the shared arguments")
    argv = sys.argv[1:]
    shared = []
    if "--" in argv:
        split = argv.index("--")
        argv, shared = argv[:split], argv[split + 1:]
    options = parser.parse_args(argv)

    variants = []
    for variant in options.variants:
        name, _, command = variant.partition("=")
        if not command:
            parser.error(f"'{variant}' is not NAME=COMMAND")
        variants.append((name, shlex.split(command) + shared))

    for _ in range(options.warmup):
        for _, command in variants:
            run_once(command)

    walls = {name: [] for name, _ in variants}
    cpus = {name: [] for name, _ in variants}
    for _ in range(options.runs):
        for name, command in variants:
            wall, cpu = run_once(command)
            walls[name].append(wall)
            cpus[name].append(cpu)

    load = os.getloadavg()[0]
    baseline = statistics.median(walls[variants[0][0]])
    lines = [
        f"{options.runs} runs each, interleaved; load average {load:.1f} on {os.cpu_count()} cores; arguments: {shlex.join(shared)}",
        "",
        f"| variant | median wall s | fastest wall s | median CPU s | wall × {variants[0][0]} |",
        "|---|---|---|---|---|",
    ]
    for name, _ in variants:
        median = statistics.median(walls[name])
        lines.append(f"| {name} | {median:.3f} | {min(walls[name]):.3f} | {statistics.median(cpus[name]):.3f} | {median / baseline:.2f} |")
    table = "\n".join(lines) + "\n"
    print(table, end="")
    if options.output:
        with open(options.output, "w", encoding="utf-8") as output:
            output.write(table)


if __name__ == "__main__":
    main()
