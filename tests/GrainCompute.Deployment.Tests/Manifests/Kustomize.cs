using System.Collections.Concurrent;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace GrainCompute.Deployment.Tests.Manifests;

/// <summary>
/// `kubectl kustomize k8s/&lt;target&gt;` once per target, parsed into one JSON node per object. YAML scalars stay
/// strings (YamlDotNet does not type them), so numbers are read with <see cref="Int"/>.
/// </summary>
internal static class Kustomize
{
    public const string Install = "install it with `apt-get install kubernetes-client` (Debian) or any kubectl ≥ 1.27";

    /// <summary>The targets users deploy, and the base the overlays build on.</summary>
    public static readonly TheoryData<string> Overlays = new() { "overlays/dev", "overlays/production" };

    private static readonly ConcurrentDictionary<string, Task<Rendered>> Cache = new();

    public static Task<Rendered> RenderAsync(string target) => Cache.GetOrAdd(target, RenderUncachedAsync);

    private static async Task<Rendered> RenderUncachedAsync(string target)
    {
        var (exitCode, stdout, stderr) = await Tools.RunAsync("kubectl", Install, ["kustomize", Repository.PathOf("k8s", target)]);
        Assert.True(exitCode == 0, $"kubectl kustomize k8s/{target} failed ({exitCode}): {stderr}");
        return new Rendered(target, stdout, Parse(stdout));
    }

    public static IReadOnlyList<JsonObject> Parse(string yaml)
    {
        var deserializer = new DeserializerBuilder().Build();
        var serializer = new SerializerBuilder().JsonCompatible().Build();
        var parser = new Parser(new StringReader(yaml));
        parser.Consume<StreamStart>();
        var objects = new List<JsonObject>();
        while (parser.Accept<DocumentStart>(out _))
        {
            var document = deserializer.Deserialize<object?>(parser);
            if (document is not null)
            {
                objects.Add(JsonNode.Parse(serializer.Serialize(document))!.AsObject());
            }
        }

        return objects;
    }

    public static int Int(JsonNode? node) => int.Parse(node!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    public static string Str(JsonNode? node) => node?.GetValue<string>() ?? "";

    public static IEnumerable<JsonObject> Items(JsonNode? array) => array?.AsArray().Select(n => n!.AsObject()) ?? [];
}

/// <summary>One rendered target.</summary>
internal sealed record Rendered(string Target, string Yaml, IReadOnlyList<JsonObject> Objects)
{
    public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => Kustomize.Str(o["kind"]) == kind);

    public JsonObject Single(string kind, string name)
    {
        var matches = OfKind(kind).Where(o => Kustomize.Str(o["metadata"]?["name"]) == name).ToList();
        Assert.True(matches.Count == 1, $"k8s/{Target} renders {matches.Count} {kind} named {name}; expected one");
        return matches[0];
    }

    public JsonObject SiloDeployment => Single("Deployment", "graincompute-silo");

    public JsonObject PodSpec => SiloDeployment["spec"]!["template"]!["spec"]!.AsObject();

    public JsonObject Container(string name) =>
        Kustomize.Items(PodSpec["containers"]).SingleOrDefault(c => Kustomize.Str(c["name"]) == name)
        ?? throw new Xunit.Sdk.XunitException($"the silo pod in k8s/{Target} has no container named {name}");
}
