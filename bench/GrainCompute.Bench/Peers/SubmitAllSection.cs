using System.Globalization;
using System.Text;

namespace GrainCompute.Bench.Peers;

/// <summary>The submit-all part of peers.md: every contender's rounds with what came back and its memory, and GrainCompute's large round.</summary>
internal static class SubmitAllSection
{
    public static void Append(StringBuilder md, PeerRow row, PeerSettings settings)
    {
        var futures = row.Workload.Futures ?? 0;
        md.AppendLine(Inv($"submit-all: {futures:N0} one-item noop futures per round, submitted as fast as one client can, then waited on together (the seeds' `futures = [executor.submit(f, x) for x in xs]; wait(futures)`); the clock stops once every result is read. futures/s = {futures:N0} ÷ the median of {settings.Repeats} rounds, after an untimed round of the same size (the Python tools: of {row.Workload.PythonWarmup} futures, on their started pool). The submit phase is a round's time until its last future was submitted (GrainCompute; the rest is the wait and reading the results); right/lost/duplicated are summed over the rounds."));
        md.AppendLine();
        md.AppendLine("Peak RSS over the timed rounds (Linux VmHWM, restarted before them): GrainCompute embedded counts the benchmark process (silo, client, and what earlier rows left there); GrainCompute HTTP and via Orleans gateway the silo process only (the client is not counted); a Python tool its parent and worker processes, each one's peak summed (mpi4py.futures: the ranks, not mpiexec).");
        md.AppendLine();
        md.AppendLine("| Contender | how | futures/s | rounds, s | submit phase (median), s | peak RSS, MiB | right | lost | duplicated |");
        md.AppendLine("|---|---|--:|---|--:|--:|--:|--:|--:|");
        foreach (var cell in row.Cells)
        {
            Line(md, cell.Contender, cell.Measurement);
            if (cell.Measurement.OneSubmitPerFuture is { } each)
            {
                Line(md, $"{cell.Contender}, one SubmitAsync per future", each);
            }

            if (cell.Measurement.Grouped is { } grouped)
            {
                Line(md, $"{cell.Contender}, future groups", grouped);
            }
        }

        md.AppendLine();
        var large = row.Cells.Where(c => c.Measurement.Large is not null).ToList();
        if (large.Count > 0)
        {
            md.AppendLine(Inv($"The large round: {settings.SubmitAllLarge:N0} futures through the batch API, once, after the rounds above on the same cluster (jobs keep their results 10 minutes, so its peak RSS includes those rounds' jobs still held)."));
            md.AppendLine();
            md.AppendLine("| Contender | seconds | submit phase, s | futures/s | peak RSS, MiB | right | lost | duplicated |");
            md.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|");
            foreach (var cell in large)
            {
                var m = cell.Measurement.Large!;
                md.AppendLine(m.NotAvailable is { } why
                    ? $"| {cell.Contender} | n/a: {why} | | | | | | |"
                    : Inv($"| {cell.Contender} | {Num(m.Median, "0.00")} | {Num(m.SubmitSeconds, "0.00")} | {Num(m.FuturesPerSecond, "N0")} | {Num(m.PeakRssMiB, "N0")} | {m.Tally?.Right:N0} | {m.Tally?.Lost:N0} | {m.Tally?.Duplicated:N0} |"));
            }

            md.AppendLine();
        }
    }

    private static void Line(StringBuilder md, string contender, PeerMeasurement m)
    {
        if (m.NotAvailable is { } why)
        {
            md.AppendLine($"| {contender} | n/a: {why} | | | | | | | |");
        }
        else if (m.StoppedAfter is { } cap)
        {
            md.AppendLine(Inv($"| {contender} | stopped after {cap:0} s (pool start, warm-up and rounds together) | – | | | | | | |"));
        }
        else
        {
            var t = m.Tally;
            md.AppendLine(Inv($"| {contender} | {m.Note} | {Num(m.FuturesPerSecond, "N0")} | {string.Join(", ", m.Runs.Select(r => r.ToString("0.00", CultureInfo.InvariantCulture)))} | {Num(m.SubmitSeconds, "0.00")} | {Num(m.PeakRssMiB, "N0")} | {t?.Right:N0} | {t?.Lost:N0} | {t?.Duplicated:N0} |"));
        }
    }

    private static string Num(double? value, string format) =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
