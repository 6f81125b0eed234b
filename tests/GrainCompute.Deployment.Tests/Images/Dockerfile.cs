using System.Text.RegularExpressions;

namespace GrainCompute.Deployment.Tests.Images;

/// <summary>
/// One Dockerfile under docker/, read statically (no Docker engine in CI): its stages, the image title its
/// final stage labels itself with, the project it publishes, its user, ports and entry point.
/// </summary>
internal sealed partial record Dockerfile(string Path, string Text)
{
    private static readonly IReadOnlyList<Dockerfile> Files = [.. Directory.GetFiles(Repository.PathOf("docker"), "*.Dockerfile").Order().Select(p => new Dockerfile(p, File.ReadAllText(p)))];

    /// <summary>The images docker/ builds from this repository's sources; recipes that extend one of them are not among them.</summary>
    public static IReadOnlyList<Dockerfile> All { get; } = [.. Files.Where(d => !d.BaseImage.StartsWith("graincompute/", StringComparison.Ordinal))];

    /// <summary>The recipe for a silo image with a user's kernel pack (built from the pack's folder, not from ours).</summary>
    public static Dockerfile KernelPack { get; } = Files.Single(d => d.Name == "kernel-pack.Dockerfile");

    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>Instructions with continuation lines joined and comments dropped.</summary>
    public IReadOnlyList<string> Instructions => [.. Continuation().Replace(string.Join('\n', Text.Split('\n').Where(l => !l.TrimStart().StartsWith('#'))), " ")
        .Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];

    public IReadOnlyList<string> Stages => [.. Instructions.Where(i => i.StartsWith("FROM ", StringComparison.Ordinal))];

    /// <summary>The instructions of the last stage, the one that becomes the image.</summary>
    public IReadOnlyList<string> FinalStage => [.. Instructions.SkipWhile(i => i != Stages[^1])];

    /// <summary>The ARGs declared before the first FROM, with their defaults: what FROM lines may use.</summary>
    public IReadOnlyDictionary<string, string> GlobalArguments => Instructions.TakeWhile(i => !i.StartsWith("FROM ", StringComparison.Ordinal))
        .Where(i => i.StartsWith("ARG ", StringComparison.Ordinal)).Select(i => i["ARG ".Length..].Split('=', 2))
        .ToDictionary(a => a[0].Trim(), a => a.Length > 1 ? a[1].Trim() : "", StringComparer.Ordinal);

    /// <summary>The image the final stage starts from, with global ARGs replaced by their defaults.</summary>
    public string BaseImage => Argument().Replace(Stages[^1]["FROM ".Length..].Split(' ')[0], m => GlobalArguments.GetValueOrDefault(m.Groups[1].Value, m.Value));

    public string Title => Label().Match(string.Join('\n', FinalStage)) is { Success: true } m ? m.Groups[1].Value : "";

    public string PublishedProject => Publish().Match(Text) is { Success: true } m ? m.Groups[1].Value : "";

    public string? User => FinalStage.LastOrDefault(i => i.StartsWith("USER ", StringComparison.Ordinal))?["USER ".Length..].Trim();

    public IReadOnlyList<int> ExposedPorts => [.. FinalStage.Where(i => i.StartsWith("EXPOSE ", StringComparison.Ordinal))
        .SelectMany(i => i["EXPOSE ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(p => int.Parse(p.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture))];

    public IReadOnlyList<string> EntryPoint => FinalStage.LastOrDefault(i => i.StartsWith("ENTRYPOINT ", StringComparison.Ordinal)) is { } entry
        ? JsonSerializer.Deserialize<string[]>(entry["ENTRYPOINT ".Length..]) ?? []
        : [];

    [GeneratedRegex(@"\$\{?(\w+)\}?")]
    private static partial Regex Argument();

    [GeneratedRegex(@"\\\n")]
    private static partial Regex Continuation();

    [GeneratedRegex(@"org\.opencontainers\.image\.title=""([^""]+)""")]
    private static partial Regex Label();

    [GeneratedRegex(@"dotnet publish (\S+\.csproj)")]
    private static partial Regex Publish();
}
