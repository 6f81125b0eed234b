namespace GrainCompute.Kernels;

/// <summary>No kernel has the requested name. The message suggests the closest names and lists all known.</summary>
public sealed class KernelNotFoundException(string name, IReadOnlyList<string> suggestions, IReadOnlyList<string> known)
    : Exception(FormatMessage(name, suggestions, known))
{
    public string KernelName { get; } = name;

    public IReadOnlyList<string> Suggestions { get; } = suggestions;

    public IReadOnlyList<string> Known { get; } = known;

    private static string FormatMessage(string name, IReadOnlyList<string> suggestions, IReadOnlyList<string> known)
    {
        var didYouMean = suggestions.Count == 0
            ? ""
            : $" did you mean {string.Join(" or ", suggestions.Select(s => $"'{s}'"))}?";
        return $"kernel '{name}' not found;{didYouMean} known: {string.Join(", ", known)}";
    }
}
