using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GrainCompute.Bench.Reporting;

/// <summary>The runtime benchmark's results with what is needed to redo and compare them: date, machine, command.</summary>
internal sealed record RuntimeReport(
    DateTimeOffset Date,
    MachineInfo Machine,
    string Command,
    double WarmupSeconds,
    double Seconds,
    IReadOnlyList<RuntimeRow> Rows)
{
    public string ToJson() => JsonSerializer.Serialize(this, ReportJson.Options);

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Measured {Date:yyyy-MM-dd HH:mm} UTC on {Machine}.");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Command: `{Command}` ({Num(WarmupSeconds, "0.#")} s warm-up, then {Num(Seconds, "0.#")} s measured per row).");
        md.AppendLine();
        md.AppendLine("| Scenario | Transport | Callers | Calls/s | vs in-silo | p50 µs | p99 µs | p99.9 µs | max µs | Fairness | Failed | Alloc B/call | CPU µs/call | Goal |");
        md.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|");
        foreach (var row in Rows)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Scenario} | {row.Transport} | {row.Callers} | {Num(row.CallsPerSecond, "N0")} | {Ratio(row)} | {Num(row.P50Microseconds, "0.0")} | {Num(row.P99Microseconds, "0.0")} | {Num(row.P999Microseconds, "0.0")} | {Num(row.MaxMicroseconds, "N0")} | {Num(row.Fairness, "0.00")} | {row.FailedCalls} | {Num(row.AllocatedBytesPerCall, "N0")} | {Num(row.CpuMicrosecondsPerCall, "0.0")} | {GoalCell(row)} |");
        }

        md.AppendLine();
        md.AppendLine("Throughput rows: closed loop, each caller awaits its call before making the next; callers run on silo 0 and");
        md.AppendLine("call grains on the last silo (silo 0 itself when alone). Latency rows: one caller, every call timed.");
        md.AppendLine("\"vs in-silo\" compares with the in-silo row of the same kind in this run (calls/s for throughput, p50 for latency).");
        md.AppendLine("\"max µs\" is the slowest single call (throughput rows: of any caller, warm-up included). \"Fairness\" is the least");
        md.AppendLine("served caller's calls over an even share: 1 = every caller progressed equally, 0 = a caller starved.");
        md.AppendLine("Alloc and CPU are per call for the whole process, so cross-silo rows include both silos' share; CPU includes");
        md.AppendLine("thread-pool spinning, which inflates it for the one-caller rows. Gen0/1/2 collection counts are in runtime.json.");
        return md.ToString();
    }

    private static string Ratio(RuntimeRow row) => row.VersusInSilo is { } ratio ? Num(ratio, "0.00") + "×" : "–";

    private static string GoalCell(RuntimeRow row) => row.Goal is null ? "" : $"{row.Goal}: {(row.GoalMet == true ? "met" : "**not met**")}";

    private static string Num(double? value, string format) =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–";
}
