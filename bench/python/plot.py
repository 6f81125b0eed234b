"""Draws bench/results/peers.png from peers.json: grouped bars per workload (seconds, log scale), and the noop
futures/s in a second panel. Usage: python3 plot.py peers.json peers.png"""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main(source, target):
    with open(source, encoding="utf-8") as f:
        report = json.load(f)
    contenders = report["contenders"]
    timed = [r for r in report["rows"] if r["workload"]["kind"] in ("cpu", "io", "batch")]
    futures = [r for r in report["rows"] if r["workload"]["kind"] == "futures"]
    colors = plt.get_cmap("tab10").colors

    fig, (ax, ax2) = plt.subplots(1, 2, figsize=(17, 6.5), gridspec_kw={"width_ratios": [5, 1.3]})
    width = 0.8 / len(contenders)
    for i, name in enumerate(contenders):
        xs, ys = [], []
        for x, row in enumerate(timed):
            cell = next((c for c in row["cells"] if c["contender"] == name), None)
            m = cell and cell["measurement"]
            seconds = m and (m.get("median") or m.get("stoppedAfter"))
            if seconds:
                xs.append(x - 0.4 + (i + 0.5) * width)
                ys.append(seconds)
        ax.bar(xs, ys, width, label=name, color=colors[i % len(colors)])
    ax.set_yscale("log")
    ax.set_xticks(range(len(timed)))
    ax.set_xticklabels([r["workload"]["title"] for r in timed], rotation=30, ha="right", fontsize=8)
    ax.set_ylabel("median seconds (log scale, lower is better)")
    ax.grid(axis="y", which="both", alpha=0.3)
    handles, labels = ax.get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=len(labels), fontsize=8, frameon=False)

    for row in futures:
        names, rates, shades = [], [], []
        for i, name in enumerate(contenders):
            cell = next((c for c in row["cells"] if c["contender"] == name), None)
            rate = cell and cell["measurement"].get("futuresPerSecond")
            if rate:
                names.append(name)
                rates.append(rate)
                shades.append(colors[i % len(colors)])
        ax2.barh(names, rates, color=shades)
        ax2.set_xscale("log")
        ax2.set_title(row["workload"]["title"], fontsize=9)
        ax2.set_xlabel("futures/s (log scale, higher is better)")
        ax2.tick_params(axis="y", labelsize=7)
        ax2.grid(axis="x", which="both", alpha=0.3)

    machine = report["machine"]
    fig.suptitle(f"GrainCompute vs the seeds' Python tools, {machine['processorCount']} cores, {report['date'][:10]}"
                 + (" (quick sizes)" if report.get("quick") else ""), fontsize=11)
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    fig.savefig(target, dpi=110)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
