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

    private static string FormatMessage(string name, IReadOnlyList<string> suggestions, IReadOnlyList<string> known)
    {
        var didYouMean = suggestions.Count == 0
            ? ""
            : $" did you mean {string.Join(" or ", suggestions.Select(s => $"'{s}'"))}?";
        return $"kernel '{name}' not found;{didYouMean} known: {string.Join(", ", known)}";
    }
}
