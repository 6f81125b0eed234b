using System.Text.RegularExpressions;
using GrainCompute.Mpi.Sidecar;

namespace GrainCompute.Mpi.Examples.Serve;

/// <summary>
/// Splits mpiexec's <c>--tag-output</c> lines (<c>[1,3]&lt;stdout&gt;:text</c> = job 1, rank 3) by rank.
/// Untagged lines are mpiexec's own (e.g. the MPI_ABORT banner) and land under rank -1.
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

            if (!match.Success)
            {
                (fromStderr ? output.Err : output.Out).Add(line);
            }
            else if (match.Groups["stream"].ValueSpan is "stdout")
            {
                output.Out.Add(match.Groups["text"].Value);
            }
            else
            {
                output.Err.Add(match.Groups["text"].Value);
            }
        }

        return [.. byRank.Select(r => new MpiRankOutput(r.Key, r.Value.Out, r.Value.Err))];
    }

    [GeneratedRegex(@"^\[\d+,(?<rank>\d+)\]<(?<stream>stdout|stderr|stddiag)>:(?<text>.*)$")]
    private static partial Regex Tag();
}
