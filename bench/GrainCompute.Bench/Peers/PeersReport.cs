using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using GrainCompute.Bench.Reporting;

namespace GrainCompute.Bench.Peers;

/// <summary>The peers benchmark's tables (Markdown) and data (JSON, also what plot.py reads).</summary>
internal sealed record PeersReport(
    DateTimeOffset Date,
    MachineInfo Machine,
    string Command,
    PeerSettings Settings,
    bool Quick,
    double? LoadAverage,
    IReadOnlyList<string> Contenders,
    IReadOnlyList<PeerRow> Rows,
    IReadOnlyList<PeerGoal> Goals)
{
    public string ToJson() => JsonSerializer.Serialize(this, ReportJson.Options);

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        var reasons = new List<string>();
        md.AppendLine(Inv($"Measured {Date:yyyy-MM-dd HH:mm} UTC on {Machine}{(LoadAverage is { } load ? $", 1-min load average {load:0.0} at the start" : "")}."));
        md.AppendLine();
        md.AppendLine(Inv($"Command: `{Command}`{(Quick ? " (**quick sizes**, for developing the harness, not for comparison)" : "")}. C# and MPI: median of {Settings.Repeats} after a warm-up; Python: median of {Settings.PythonRepeats} after the pool started and ran a small warm-up (submit-all: {Settings.Repeats} rounds for every contender); a child process past {Settings.Cap.TotalSeconds:0} s is stopped (\"> cap\")."));
        md.AppendLine();
        md.AppendLine("Median seconds (noop and submit-all: futures/s, higher is better; noop map: seconds for all tasks). ✗ marks a result that differs from C# serial's (submit-all: a round with a future lost, wrong or duplicated).");
        md.AppendLine();
        Header(md, "Workload", Contenders);
        foreach (var row in Rows)
        {
            md.Append(Inv($"| {row.Workload.Title} |"));
            foreach (var cell in row.Cells)
            {
                md.Append(' ').Append(Value(row, cell, reasons)).Append(" |");
            }

            md.AppendLine();
        }

        md.AppendLine();
        if (reasons.Count > 0)
        {
            for (var i = 0; i < reasons.Count; i++)
            {
                md.AppendLine(Inv($"{Sup(i + 1)} {reasons[i]}  "));
            }

            md.AppendLine();
        }

        var limited = Rows.Where(r => r.LimitSeconds is not null).ToList();
        if (limited.Count > 0)
        {
            md.AppendLine("Distance from the physical limit: time ÷ (C# serial ÷ cores); for slowadd, time ÷ one call's delay. 1.00× is the limit.");
            md.AppendLine();
            Header(md, "Workload", Contenders);
            foreach (var row in limited)
            {
                md.AppendLine(Inv($"| {row.Workload.Title} | {string.Join(" | ", row.Cells.Select(c => c.VersusLimit is { } v ? $"{v:0.00}×" : "–"))} |"));
            }

            md.AppendLine();
        }

        var python = Rows.SelectMany(r => r.Cells).Where(c => c.IsPython).Select(c => c.Contender).Distinct().ToList();
        md.AppendLine("Python peer ÷ GrainCompute embedded: how many times faster GrainCompute is (time ratio; noop, submit-all: futures/s ratio).");
        md.AppendLine();
        Header(md, "Workload", [.. python, "fastest Python"]);
        foreach (var row in Rows)
        {
            var best = row.FastestPython;
            md.AppendLine(Inv($"| {row.Workload.Title} | {string.Join(" | ", row.Cells.Where(c => c.IsPython).Select(c => Ratio(c)))} | {(best is null ? "–" : $"{Ratio(best)} ({best.Contender})")} |"));
        }

        md.AppendLine();
        var futures = Rows.FirstOrDefault(r => r.Workload.Kind == PeerWorkloadKind.Futures);
        if (futures is not null)
        {
            md.AppendLine(Inv($"noop futures: one client keeps {Settings.Inflight} futures in flight for {Settings.NoopWindow.TotalSeconds:0.#} s; latency is submit → result of each. GrainCompute runs each way {GrainComputeContender.FuturesWarmUp.TotalSeconds:0.#} s first (the JIT settles), the Python peers after a small warm-up."));
            md.AppendLine();
            md.AppendLine("| Contender | futures/s | p50 ms | p99 ms | what |");
            md.AppendLine("|---|--:|--:|--:|---|");
            foreach (var cell in futures.Cells)
            {
                var m = cell.Measurement;
                md.AppendLine(m.NotAvailable is { } why
                    ? $"| {cell.Contender} | n/a | | | {why} |"
                    : Inv($"| {cell.Contender} | {Num(m.FuturesPerSecond, "N0")} | {Num(m.P50Milliseconds, "0.00")} | {Num(m.P99Milliseconds, "0.00")} | {m.Note ?? "submit + result per future"} |"));
                if (m.Calls is { } calls)
                {
                    md.AppendLine(Inv($"| {cell.Contender}, calls | {Num(calls.FuturesPerSecond, "N0")} | {Num(calls.P50Milliseconds, "0.00")} | {Num(calls.P99Milliseconds, "0.00")} | {calls.Note} |"));
                }
            }

            md.AppendLine();
        }

        if (Rows.FirstOrDefault(r => r.Workload.Kind == PeerWorkloadKind.SubmitAll) is { } submitAll)
        {
            SubmitAllSection.Append(md, submitAll, Settings);
        }

        md.AppendLine("Goals from the issue (reported, not asserted):");
        md.AppendLine();
        md.AppendLine("| Workload | Goal | Measured | |");
        md.AppendLine("|---|---|---|---|");
        foreach (var goal in Goals)
        {
            md.AppendLine($"| {goal.Workload} | {goal.Text} | {goal.Measured} | {goal.Met switch { true => "met", false => "**missed**", null => "–" }} |");
        }

        md.AppendLine();
        foreach (var goal in Goals.Where(g => g.Note is not null))
        {
            md.AppendLine($"- {goal.Workload}, {goal.Text}: {goal.Note}");
        }

        md.AppendLine();
        md.AppendLine("What each column runs: C# serial calls the kernel's code directly, every item in order on one thread; C# Parallel.For runs the");
        md.AppendLine("kernel's suggested chunks with Parallel.For (slowadd: Task.WhenAll; noop: Task.Run futures); GrainCompute embedded is");
        md.AppendLine("`ComputeClient.StartLocalAsync` (a silo in this process, called through Orleans' in-process client) and GrainCompute HTTP a");
        md.AppendLine("graincompute-silo process, both timed submit → result by the client (square and countprimes return the sum/count, the items stay");
        md.AppendLine("on the silo; the Python tools return every item to the parent); GrainCompute MPI is `mpiexec.mpich -n cores graincompute-mpi` (MPI.NET over MPICH), timed by");
        md.AppendLine("rank 0's MPI_Wtime; GrainCompute Python is GrainCompute's own Python client (client/python's GrainComputeExecutor,");
        md.AppendLine("bench/python/peer_graincompute.py) against a graincompute-silo process of its own, futures and map only. Noop map: every Python");
        md.AppendLine("column calls map with the same chunksize, 1 (each task on its own; GrainCompute Python then makes a job per call, where");
        md.AppendLine("chunksize > 1 would send future groups), the .NET GrainCompute columns one job with chunkSize 1 (a chunk per task). The Python columns are");
        md.AppendLine("bench/python/peer_*.py under /usr/bin/python3, one worker process per core, the");
        md.AppendLine("pool started before the clock. Every run's seconds, pool start times and results are in the JSON file of the same name.");
        return md.ToString();
    }

    private static void Header(StringBuilder md, string first, IReadOnlyList<string> columns)
    {
        md.AppendLine($"| {first} | {string.Join(" | ", columns)} |");
        md.AppendLine($"|---|{string.Concat(columns.Select(_ => "--:|"))}");
    }

    private static string Value(PeerRow row, PeerCell cell, List<string> reasons)
    {
        var m = cell.Measurement;
        if (m.NotAvailable is { } why)
        {
            var index = reasons.IndexOf(why);
            if (index < 0)
            {
                reasons.Add(why);
                index = reasons.Count - 1;
            }

            return $"n/a{Sup(index + 1)}";
        }

        var mark = cell.Agrees ? "" : " ✗";
        if (m.StoppedAfter is { } cap)
        {
            return Inv($"> {cap:0}");
        }

        return row.Workload.IsRate
            ? Num(m.FuturesPerSecond, "N0") + "/s" + mark
            : Num(m.Median, m.Median < 0.1 ? "0.000" : "0.00") + mark;
    }

    private static string Ratio(PeerCell cell) => cell.Measurement.NotAvailable is not null ? "n/a" : cell.VersusGrainCompute is { } v ? (v < 0.1 ? Inv($"{v:0.000}×") : Inv($"{v:0.0}×")) : "–";

    private static string Sup(int n) => $"<sup>{n}</sup>";

    private static string Num(double? value, string format) =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
