using System.Globalization;

namespace GrainCompute.Bench.Measurement;

/// <summary>Small figures every suite reports: medians of repeated runs and the machine's load when it ran.</summary>
internal static class Statistics
{
    /// <summary>The middle value (mean of the two middle ones for an even count); NaN when there is none.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>The 1-minute load average, printed with results so a reader sees whether the machine was busy.</summary>
    public static double? LoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
