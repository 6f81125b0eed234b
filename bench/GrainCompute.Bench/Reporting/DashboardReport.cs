using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using GrainCompute.Bench.Measurement;

namespace GrainCompute.Bench.Reporting;

/// <summary>
/// The dashboard benchmark's rounds and what they add up to: median futures/s with the dashboard closed and open,
/// the loss, and the silo's CPU per future (steadier than throughput on a shared machine).
/// </summary>
internal sealed record DashboardReport(
    DateTimeOffset Date,
    MachineInfo Machine,
    string Command,
    string Silo,
    int Concurrency,
    double WarmupSeconds,
    double SettleSeconds,
    double Seconds,
    double? LoadAverageAtStart,
    double? LoadAverageAtEnd,
    long PageBytes,
    bool OrleansDashboard,
    IReadOnlyList<DashboardRound> Rounds)
{
    private static readonly Reporting.Goal LossGoal = Reporting.Goal.LossBelow(2);

    public double ClosedFuturesPerSecond => Statistics.Median(Closed.Select(r => r.FuturesPerSecond));

    public double OpenFuturesPerSecond => Statistics.Median(Open.Select(r => r.FuturesPerSecond));

    /// <summary>(closed − open) / closed, in percent, from the medians; negative when the open rounds were faster.</summary>
    public double LossPercent => Loss(ClosedFuturesPerSecond, OpenFuturesPerSecond);

    /// <summary>The loss within each pair of neighbouring rounds (one closed, one open), in run order.</summary>
    public IReadOnlyList<double> PairLossPercents =>
        [.. Enumerable.Range(0, Rounds.Count / 2)
            .Select(p => (Rounds[2 * p], Rounds[(2 * p) + 1]))
            .Select(pair => pair.Item1.DashboardOpen ? Loss(pair.Item2.FuturesPerSecond, pair.Item1.FuturesPerSecond) : Loss(pair.Item1.FuturesPerSecond, pair.Item2.FuturesPerSecond))];

    public double ClosedSiloCpuMicrosecondsPerFuture => Statistics.Median(Closed.Select(r => r.SiloCpuMicrosecondsPerFuture));

    public double OpenSiloCpuMicrosecondsPerFuture => Statistics.Median(Open.Select(r => r.SiloCpuMicrosecondsPerFuture));

    /// <summary>(open − closed) / closed silo CPU per future, in percent, from the medians.</summary>
    public double SiloCpuIncreasePercent => -Loss(ClosedSiloCpuMicrosecondsPerFuture, OpenSiloCpuMicrosecondsPerFuture);

    public string Goal => LossGoal.Text;

    public bool GoalMet => LossGoal.IsMet(LossPercent);

    /// <summary>
    /// Whether the run can tell: the pairs' losses lie within a band no wider than the goal's 2 %. On a busy machine they
    /// spread over tens of percent, and a median "met" or "missed" says nothing about the dashboard.
    /// </summary>
    public bool GoalConclusive => PairLossPercents.Count > 0 && PairLossPercents.Max() - PairLossPercents.Min() <= 2;

    private IEnumerable<DashboardRound> Closed => Rounds.Where(r => !r.DashboardOpen);

    private IEnumerable<DashboardRound> Open => Rounds.Where(r => r.DashboardOpen);

    public string ToJson() => JsonSerializer.Serialize(this, ReportJson.Options);

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        var load = LoadAverageAtStart is { } start ? $", 1-min load average {Num(start, "0.0")} at the start and {Num(LoadAverageAtEnd, "0.0")} at the end" : "";
        md.AppendLine(CultureInfo.InvariantCulture, $"Measured {Date:yyyy-MM-dd HH:mm} UTC on {Machine}{load}.");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Command: `{Command}` (one graincompute-silo process, {Silo}; Development provider: membership and jobs in memory).");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Load: {Concurrency} closed-loop callers over HTTP; each future is a `noop` job of one item (POST /api/jobs, then POST /api/jobs/{{id}}/wait).");
        md.AppendLine(CultureInfo.InvariantCulture, $"{Rounds.Count} rounds alternate the dashboard closed (C) and open (O) in ABBA order (C O O C …) so that a steady drift cancels; each");
        md.AppendLine(CultureInfo.InvariantCulture, $"round settles {Num(SettleSeconds, "0.#")} s unmeasured, then counts {Num(Seconds, "0.#")} s. Open: a viewer loads the page and its files ({PageBytes / 1024:N0} KiB), GET api/settings,");
        md.AppendLine("and reads api/events (one update a second, each parsed) as the page does; the page polls nothing else.");
        md.AppendLine(OrleansDashboard
            ? "Open also has the Orleans dashboard (/dashboard/orleans/) open: a second viewer loads its page and GETs DashboardCounters, ClusterStats and TopGrainMethods once a second (what its overview shows); while asked, the Orleans dashboard's profiler times every grain call."
            : "The Orleans dashboard stays closed in every round (--orleans false).");
        md.AppendLine();
        md.AppendLine("| Dashboard | Futures/s (median) | Silo CPU µs/future (median) | Rounds futures/s |");
        md.AppendLine("|---|--:|--:|---|");
        md.AppendLine(CultureInfo.InvariantCulture, $"| closed | {Num(ClosedFuturesPerSecond, "N0")} | {Num(ClosedSiloCpuMicrosecondsPerFuture, "N0")} | {RoundList(Closed)} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| open | {Num(OpenFuturesPerSecond, "N0")} | {Num(OpenSiloCpuMicrosecondsPerFuture, "N0")} | {RoundList(Open)} |");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"**Throughput loss with the dashboard open: {Num(LossPercent, "0.0")} %** ({Goal}: {(GoalMet ? "met" : "**not met**")}{(GoalConclusive ? "" : ", **inconclusive**")}); silo CPU per future {Signed(SiloCpuIncreasePercent)} %.");
        md.AppendLine(CultureInfo.InvariantCulture, $"Loss within each neighbouring closed/open pair: {string.Join(", ", PairLossPercents.Select(p => Num(p, "0.0") + " %"))}.");
        if (!GoalConclusive)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"Inconclusive: the pairs' losses spread over {Num(PairLossPercents.Max() - PairLossPercents.Min(), "0")} points, more than the 2 % the goal is about; redo it on an idle machine.");
        }
        md.AppendLine();
        md.AppendLine("| Round | Dashboard | Futures/s | Failed | Fairness | Silo CPU µs/future | Silo CPU % of a core | Bench CPU µs/future | Jobs submitted | Updates | KiB/update | Orleans polls |");
        md.AppendLine("|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var r in Rounds)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Round} | {(r.DashboardOpen ? "open" : "closed")} | {Num(r.FuturesPerSecond, "N0")} | {r.FailedFutures} | {Num(r.Fairness, "0.00")} | {Num(r.SiloCpuMicrosecondsPerFuture, "N0")} | {Num(r.SiloCpuPercent, "0")} | {Num(r.BenchCpuMicrosecondsPerFuture, "N0")} | {r.JobsSubmitted:N0} | {(r.Updates is { } u ? u.ToString(CultureInfo.InvariantCulture) + Flags(r) : "–")} | {Num(r.BytesPerUpdate / 1024, "0.0")} | {(r.OrleansPolls is { } p ? p.ToString(CultureInfo.InvariantCulture) + (r.OrleansFailures > 0 ? $" ({r.OrleansFailures} failed)" : "") : "–")} |");
        }

        md.AppendLine();
        md.AppendLine("Futures/s counts futures completed in the measured window. CPU is per future over the same window: the silo's from");
        md.AppendLine("/proc (all its threads), the benchmark's from its own process (load generator and viewer). Jobs carry a 5 s");
        md.AppendLine("retention, so the silo's in-memory store holds the last few seconds of them; the dashboard lists the newest every");
        md.AppendLine("second. Every round's figures are in dashboard.json.");
        return md.ToString();
    }

    private static string RoundList(IEnumerable<DashboardRound> rounds) => string.Join(", ", rounds.Select(r => Num(r.FuturesPerSecond, "N0")));

    private static string Flags(DashboardRound round) =>
        round.Reconnects > 0 ? $" ({round.Reconnects} reconnects)" : "";

    private static double Loss(double baseline, double measured) => (baseline - measured) / baseline * 100;

    private static string Signed(double value) => (value >= 0 ? "+" : "") + Num(value, "0.0");

    private static string Num(double? value, string format) =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–";
}
