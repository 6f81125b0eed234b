using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GrainCompute.Bench.Reporting;

/// <summary>The cluster benchmark's results with what is needed to redo and compare them: date, machine, command.</summary>
internal sealed record ClusterReport(
    DateTimeOffset Date,
    MachineInfo Machine,
    string Command,
    int Repeat,
    IReadOnlyList<int> Cores,
    string Postgres,
    double? LoadAverage,
    IReadOnlyList<ScalingRow> Scaling,
    IReadOnlyList<FailoverRow> Failover)
{
    public string ToJson() => JsonSerializer.Serialize(this, ReportJson.Options);

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Measured {Date:yyyy-MM-dd HH:mm} UTC on {Machine}{(LoadAverage is { } load ? $", 1-min load average {Num(load, "0.0")} at the start" : "")}.");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Command: `{Command}` (silo processes of graincompute-silo, Release; PostgreSQL membership: {Postgres}).");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Scaling: 1 silo pinned to core {Cores[0]} against 2 silos pinned to cores {Cores[0]} and {Cores[1]} (`taskset -c`), `Silo:WorkerSlots=1` each; submit to completion, median of {Repeat} after a warm-up job.");
        md.AppendLine();
        md.AppendLine("| Workload | Items | Chunks | 1 silo s | 2 silos s | Speedup | Chunks per silo (2 silos, last run) | Runs 1 silo / 2 silos s | Result | Goal |");
        md.AppendLine("|---|--:|--:|--:|--:|--:|---|---|---|---|");
        foreach (var row in Scaling)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Workload} | {row.Items:N0} | {row.Chunks} | {Num(row.OneSiloSeconds, "0.00")} | {Num(row.TwoSilosSeconds, "0.00")} | {Num(row.Speedup, "0.00")}× | {Shares(row)} | {Runs(row.OneSiloRuns)} / {Runs(row.TwoSilosRuns)} | {(row.CheckPassed ? row.Check : "**wrong: " + row.Check + "**")} | {GoalCell(row.Goal, row.GoalMet)} |");
        }

        md.AppendLine();
        md.AppendLine("Failover: 3 silos, not pinned; `countprimes` n = 2,000,000,000, chunkSize 65. The killed run sends SIGKILL to the");
        md.AppendLine("silo process holding the job grain (`heldBy`) once half of the chunks are done, then polls a survivor.");
        md.AppendLine();
        md.AppendLine("| Run | Total s | vs undisturbed | Killed at chunk | Kill → declared dead s | Kill → completed s | Result | Goal |");
        md.AppendLine("|---|--:|--:|--:|--:|--:|---|---|");
        foreach (var row in Failover)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Run} | {Num(row.TotalSeconds, "0.00")} | {Num(row.VersusUndisturbed, "0.00")}× | {(row.KilledAtChunksDone is { } done ? $"{done} / {row.Chunks}" : "–")} | {Num(row.KillToDeclaredDeadSeconds, "0.00")} | {Num(row.KillToCompletedSeconds, "0.00")} | {(row.ResultExact ? row.Result + " (exact)" : $"**{row.State}: {row.Result ?? "no result"}**")} | {GoalCell(row.Goal, row.GoalMet)} |");
        }

        md.AppendLine();
        md.AppendLine("Times are wall clock in the benchmark process, from POST /api/jobs to the status showing `completed` (scaling:");
        md.AppendLine("POST /api/jobs/{id}/wait; failover: GET /api/jobs/{id} every 100 ms). \"Declared dead\" is the first time a surviving");
        md.AppendLine("silo's GET /api/cluster lists only two active silos. The benchmark process itself is not pinned and shares the");
        md.AppendLine("cores with the silos; on a shared machine other load lands on the pinned cores too. Every repetition's time, the");
        md.AppendLine("silos' own submitted→finished times, busy seconds per silo and the silo addresses are in cluster.json.");
        return md.ToString();
    }

    private static string Shares(ScalingRow row) =>
        string.Join(" / ", row.TwoSilosShares.Select(s => s.Chunks.ToString(CultureInfo.InvariantCulture) + (s.Silo == row.TwoSilosHeldBy ? " (job's silo)" : "")));

    private static string Runs(IReadOnlyList<double> runs) => string.Join(", ", runs.Select(r => Num(r, "0.00")));

    private static string GoalCell(string? goal, bool? met) => goal is null ? "" : $"{goal}: {(met == true ? "met" : "**not met**")}";

    private static string Num(double? value, string format) =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–";
}
