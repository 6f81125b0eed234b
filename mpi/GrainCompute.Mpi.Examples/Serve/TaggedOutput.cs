using System.Text.RegularExpressions;
using GrainCompute.Mpi.Sidecar;

namespace GrainCompute.Mpi.Examples.Serve;

/// <summary>
/// Splits Hydra's <c>-prepend-rank</c> lines (<c>[3] text</c> = rank 3) by rank; the stream is the one mpiexec
/// printed the line on, since Hydra forwards each rank's stdout and stderr to its own. Untagged lines are
/// mpiexec's own (e.g. the BAD TERMINATION banner) and land under rank -1.
/// </summary>
internal static partial class TaggedOutput
{
    public const int LauncherRank = -1;

    /// <summary>One entry per rank 0..ranks-1 (empty when silent), plus rank -1 when mpiexec spoke.</summary>
    public static IReadOnlyList<MpiRankOutput> Split(IEnumerable<OutputLine> lines, int ranks)
    {
        var byRank = new SortedDictionary<int, (List<string> Out, List<string> Err)>();
        for (var rank = 0; rank < ranks; rank++)
        {
            byRank[rank] = ([], []);
        }

        foreach (var (fromStderr, line) in lines)
        {
            var match = Tag().Match(line);
            var rank = match.Success ? int.Parse(match.Groups["rank"].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture) : LauncherRank;
            if (!byRank.TryGetValue(rank, out var output))
            {
                byRank[rank] = output = ([], []);
            }

            (fromStderr ? output.Err : output.Out).Add(match.Success ? match.Groups["text"].Value : line);
        }

        return [.. byRank.Select(r => new MpiRankOutput(r.Key, r.Value.Out, r.Value.Err))];
    }

    [GeneratedRegex(@"^\[(?<rank>\d+)\] (?<text>.*)$")]
    private static partial Regex Tag();
}
