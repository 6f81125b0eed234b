using System.Globalization;
using System.Text;
using System.Text.Json;
using GrainCompute.Bench.Reporting;

namespace GrainCompute.Bench.Soak;

/// <summary>The soak's results with what is needed to redo them: date, machine, command; the issue's goals are reported, not asserted.</summary>
internal sealed record SoakReport(
    DateTimeOffset Date,
    MachineInfo Machine,
    string Command,
    double Minutes,
    double KillEverySeconds,
    int Clients,
    double RetentionSeconds,
    int Silos,
    string Postgres,
    double? LoadAtStart,
    double? LoadAtEnd,
    long Submitted,
    long Correct,
    long Wrong,
    long Failed,
    long Lost,
    long ItemsChecked,
    long ItemsLost,
    long ItemsDuplicated,
    long Retries,
    IReadOnlyList<SoakRound> Rounds,
    IReadOnlyList<string> Problems)
{
    public string ToJson() => JsonSerializer.Serialize(this, ReportJson.Options);

    /// <summary>
    /// Median growth, MiB per round, of silos past their warm-up (up for two whole rounds before the one measured): what
    /// a leak would show. A silo just started grows for a round or two as its code is jitted and its heap finds its
    /// size; that is not counted. Null before any silo is that old.
    /// </summary>
    public double? MedianRssGrowthMiBPerRound => MedianGrowth(round => round.RssMiB);

    /// <summary>Like <see cref="MedianRssGrowthMiBPerRound"/>, of the managed heap left after each silo's last GC.</summary>
    public double? MedianHeapGrowthMiBPerRound => MedianGrowth(round => round.HeapMiB);

    private double? MedianGrowth(Func<SoakRound, IReadOnlyList<double?>> memory)
    {
        var growth = new List<double>();
        var age = new int[Silos];
        for (var r = 1; r < Rounds.Count; r++)
        {
            for (var slot = 0; slot < Silos; slot++)
            {
                age[slot] = RestartedIn(r, slot) ? 0 : age[slot] + 1;
                if (age[slot] >= 3 && memory(Rounds[r])[slot] is { } now && memory(Rounds[r - 1])[slot] is { } before)
                {
                    growth.Add(now - before);
                }
            }
        }

        return growth.Count == 0 ? null : growth.Order().ElementAt(growth.Count / 2);
    }

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Measured {Date:yyyy-MM-dd HH:mm} UTC on {Machine}; 1-min load average {Num(LoadAtStart, "0.0")} at the start, {Num(LoadAtEnd, "0.0")} at the end.");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Command: `{Command}` ({Silos} silo processes of graincompute-silo, `Silo:WorkerSlots=1` each; PostgreSQL membership and job store: {Postgres}).");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"{Clients} clients submit jobs one after the other for {Minutes:0.#} min (countprimes, collatz, montecarlo-pi, square-number read back item by item,");
        md.AppendLine("julia, slowadd with a `$future` of an earlier countprimes job), each with its own id, over HTTP to any running silo (a call");
        md.AppendLine(CultureInfo.InvariantCulture, $"whose silo died is made again on another). Every {KillEverySeconds:0} s one random silo is `kill -9`'d and a new one started in its place.");
        md.AppendLine(CultureInfo.InvariantCulture, $"Each result is compared with the same kernel run serially in the benchmark process. Jobs keep their results {RetentionSeconds:0} s after they end");
        md.AppendLine("(`options.retentionSeconds`; the default, an hour, would make every silo hold the whole run's jobs and grow by design).");
        md.AppendLine();
        md.AppendLine("| Jobs submitted | right | wrong | failed | lost | Items read back | items lost | items duplicated | Calls retried on another silo | Goal |");
        md.AppendLine("|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|");
        var met = Wrong + Failed + Lost + ItemsLost + ItemsDuplicated == 0;
        md.AppendLine(CultureInfo.InvariantCulture,
            $"| {Submitted:N0} | {Correct:N0} | {Wrong} | {Failed} | {Lost} | {ItemsChecked:N0} | {ItemsLost} | {ItemsDuplicated} | {Retries:N0} | nothing wrong, lost or duplicated: {(met ? "met" : "**not met**")} |");
        md.AppendLine();
        md.AppendLine("Silo memory at the end of each round, per silo slot, MiB: RSS / managed heap after the silo's last GC (from its `/metrics`); * marks the slot whose silo was killed and replaced at the round's start.");
        md.AppendLine();
        md.AppendLine("| Round | ends at s | killed → started | jobs right so far | " + string.Join(" | ", Enumerable.Range(1, Silos).Select(s => $"silo {s}")) + " |");
        md.AppendLine("|--:|--:|---|--:|" + string.Concat(Enumerable.Repeat("--:|", Silos)));
        for (var r = 0; r < Rounds.Count; r++)
        {
            var round = Rounds[r];
            var cells = round.RssMiB.Select((rss, slot) => $"{Num(rss, "0")} / {Num(round.HeapMiB[slot], "0")}" + (RestartedIn(r, slot) ? "*" : ""));
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {(r == Rounds.Count - 1 ? "end" : round.Round)} | {round.EndSeconds:0} | {(round.Killed is null ? "–" : $"{round.Killed} → {round.Started}")} | {round.JobsCorrect:N0} | {string.Join(" | ", cells)} |");
        }

        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Median growth of a silo past its warm-up (two whole rounds up), MiB per round: RSS {Num(MedianRssGrowthMiBPerRound, "0.0")}, managed heap {Num(MedianHeapGrowthMiBPerRound, "0.0")} (goal: no growth between rounds). The last row (end) is taken after the clients' last jobs ended.");
        if (Problems.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Problems (first 20):");
            md.AppendLine();
            foreach (var problem in Problems)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {problem.ReplaceLineEndings(" ")}");
            }
        }

        return md.ToString();
    }

    /// <summary>The silo in <paramref name="slot"/> is not the one of the round before: it was killed and replaced at this round's start.</summary>
    private bool RestartedIn(int round, int slot) =>
        Rounds[round].SlotRestarted == slot;

    private static string Num(double? value, string format) =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–";
}
