using System.Diagnostics;

namespace GrainCompute.Bench.Peers;

/// <summary>One untimed warm-up (JIT, pools, connections), then <c>repeats</c> timed runs; the median is the cell.</summary>
internal static class TimedRuns
{
    public static async Task<PeerMeasurement> MeasureAsync(Func<Task<string?>> run, int repeats, bool warmUp = true, string? note = null)
    {
        if (warmUp)
        {
            await run();
        }

        var times = new List<double>();
        string? result = null;
        for (var i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            result = await run();
            times.Add(clock.Elapsed.TotalSeconds);
        }

        return PeerMeasurement.FromRuns(times, result, note);
    }
}
