using System.Diagnostics;
using System.Globalization;
using GrainCompute.Bench.Measurement;

namespace GrainCompute.Bench.Peers;

/// <summary>
/// The submit-all clock for the C# contenders: an untimed warm-up round of the same size, then timed rounds of N
/// futures, each submitted at once, waited on together and every result read before the clock stops. The cell is
/// N ÷ the median round; the peak RSS of the given processes covers the timed rounds only.
/// </summary>
/// <remarks>
/// The warm-up is a whole round because a small one was not enough: after 1,000 futures GrainCompute's three rounds of
/// 20,000 took 10.8, 7.1 and 3.3 s (after a whole round: 6.7, 5.2, 3.8 s). The Python tools have no JIT to warm: their
/// scripts warm the started pool on a twentieth (<see cref="PeerWorkload.PythonWarmup"/>).
/// </remarks>
internal static class SubmitAllRounds
{
    /// <param name="round">Submits and waits on that many futures; says what came back (and how long the submits took, where it knows).</param>
    /// <param name="futures">Futures per timed round.</param>
    /// <param name="warmUp">Whether an untimed round of <paramref name="futures"/> goes first.</param>
    /// <param name="repeats">Timed rounds.</param>
    /// <param name="rssProcesses">Whose peak RSS to report (empty: none).</param>
    /// <param name="note">How the contender submits and waits, for the report.</param>
    public static async Task<PeerMeasurement> MeasureAsync(Func<int, Task<SubmitAllOutcome>> round, int futures, bool warmUp, int repeats, IReadOnlyList<int> rssProcesses, string note)
    {
        if (warmUp)
        {
            await round(futures);
        }

        var rss = rssProcesses.Count > 0 && PeakRss.Reset(rssProcesses);
        var times = new List<double>();
        var submits = new List<double>();
        var tally = FuturesTally.Empty;
        var worst = long.MaxValue;
        for (var i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            var one = await round(futures);
            times.Add(clock.Elapsed.TotalSeconds);
            tally += one.Tally;
            worst = Math.Min(worst, one.Tally.Right);
            if (one.SubmitSeconds is { } submitted)
            {
                submits.Add(submitted);
            }
        }

        var median = Statistics.Median(times);
        return new PeerMeasurement
        {
            Runs = times,
            Median = median,
            FuturesPerSecond = futures / median,
            Result = worst.ToString(CultureInfo.InvariantCulture),
            Tally = tally,
            SubmitSeconds = submits.Count == 0 ? null : Statistics.Median(submits),
            PeakRssMiB = rss ? PeakRss.ReadMiB(rssProcesses) : null,
            Note = note,
        };
    }
}
