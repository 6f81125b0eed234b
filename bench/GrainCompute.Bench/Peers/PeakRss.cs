using System.Globalization;

namespace GrainCompute.Bench.Peers;

/// <summary>
/// Peak resident memory of processes, from Linux's /proc: VmHWM, restarted from the current RSS by writing 5 to
/// clear_refs (Linux 4.0+), so a peak belongs to the rounds measured and not to what the process did before.
/// Elsewhere (or without the right to write clear_refs) there is no figure: null, never a guess.
/// </summary>
internal static class PeakRss
{
    /// <returns>Whether every process's peak was restarted; a peak read after a failed reset would include older work.</returns>
    public static bool Reset(IEnumerable<int> processIds)
    {
        var all = true;
        foreach (var pid in processIds)
        {
            try
            {
                File.WriteAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/clear_refs", "5");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                all = false;
            }
        }

        return all;
    }

    /// <summary>The sum of each process's peak RSS in MiB (an upper bound on their peak together); null when one cannot be read.</summary>
    public static double? ReadMiB(IEnumerable<int> processIds)
    {
        double total = 0;
        foreach (var pid in processIds)
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }

            var hwm = lines.FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (hwm is null || !long.TryParse(hwm["VmHWM:".Length..].Trim().Split(' ')[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kib))
            {
                return null;
            }

            total += kib / 1024.0;
        }

        return total;
    }
}
