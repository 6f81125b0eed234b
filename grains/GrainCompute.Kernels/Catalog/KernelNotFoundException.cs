namespace GrainCompute.Kernels;

/// <summary>No kernel has the requested name. The message suggests the closest names and lists all known.</summary>
[GenerateSerializer]
[Alias("gc.KernelNotFoundException")]
public sealed class KernelNotFoundException(string name, IReadOnlyList<string> suggestions, IReadOnlyList<string> known)
    : Exception(FormatMessage(name, suggestions, known))
{
    [Id(0)]
    public string KernelName { get; private set; } = name;

    [Id(1)]
    public IReadOnlyList<string> Suggestions { get; private set; } = suggestions;

    [Id(2)]
    public IReadOnlyList<string> Known { get; private set; } = known;

    /// <summary>Near misses of <paramref name="name"/> among <paramref name="known"/>, the nearest first.</summary>
    public static IReadOnlyList<string> Closest(string name, IEnumerable<string> known)
    {
        // Suggest only near misses: a distance of up to a third of the name (at least 2) still reads as a typo.
        var limit = Math.Max(2, name.Length / 3);
        var best = int.MaxValue;
        var closest = new List<string>();
        foreach (var candidate in known)
        {
            var distance = Levenshtein.Distance(name, candidate);
            if (distance > limit || distance > best)
            {
                continue;
            }

            if (distance < best)
            {
                best = distance;
                closest.Clear();
            }

            closest.Add(candidate);
        }

        return closest;
    }

    /// <summary>" did you mean 'julia'?" for near misses, else empty.</summary>
    public static string DidYouMean(IReadOnlyList<string> suggestions) =>
        suggestions.Count == 0 ? "" : $" did you mean {string.Join(" or ", suggestions.Select(s => $"'{s}'"))}?";

    private static string FormatMessage(string name, IReadOnlyList<string> suggestions, IReadOnlyList<string> known) =>
        $"kernel '{name}' not found;{DidYouMean(suggestions)} known: {string.Join(", ", known)}";
}
