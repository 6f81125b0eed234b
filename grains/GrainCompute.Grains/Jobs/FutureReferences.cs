using System.Text.Json.Nodes;

namespace GrainCompute.Grains.Jobs;

/// <summary>
/// Parameters may name other jobs' results as <c>{"$future": "job-id"}</c> (a task taking another task's
/// result). This finds those references and substitutes the results once they are known.
/// </summary>
public static class FutureReferences
{
    private const string Marker = "$future";

    public static IReadOnlyList<string> Find(string? parametersJson)
    {
        var found = new List<string>();
        // Parsing into nodes is the dear part (a future group's parameters hold 10⁴ calls): without the marker
        // spelled out, and without escapes that could spell it, there is no reference to find.
        var mayHoldOne = parametersJson is not null && (parametersJson.Contains(Marker, StringComparison.Ordinal) || parametersJson.Contains('\\'));
        if (mayHoldOne && !string.IsNullOrWhiteSpace(parametersJson))
        {
            Visit(JsonNode.Parse(parametersJson), node =>
            {
                if (TryGetReference(node, out var id))
                {
                    found.Add(id);
                }
            });
        }

        return found.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Replaces each reference with the referenced job's result JSON.</summary>
    public static string Substitute(string parametersJson, IReadOnlyDictionary<string, string?> results)
    {
        var root = JsonNode.Parse(parametersJson)!;
        var replacements = new List<(JsonNode Node, JsonNode? Value)>();
        Visit(root, node =>
        {
            if (TryGetReference(node, out var id))
            {
                replacements.Add((node, results[id] is { } json ? JsonNode.Parse(json) : null));
            }
        });

        foreach (var (node, value) in replacements)
        {
            if (node.Parent is JsonObject parent)
            {
                parent[node.GetPropertyName()] = value;
            }
            else if (node.Parent is JsonArray array)
            {
                array[node.GetElementIndex()] = value;
            }
        }

        return root.ToJsonString();
    }

    private static bool TryGetReference(JsonNode? node, out string id)
    {
        id = "";
        if (node is JsonObject { Count: 1 } obj && obj.TryGetPropertyValue(Marker, out var value) && value is JsonValue v && v.TryGetValue(out string? text))
        {
            id = text;
            return true;
        }

        return false;
    }

    private static void Visit(JsonNode? node, Action<JsonNode> visit)
    {
        if (node is null)
        {
            return;
        }

        visit(node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj.ToList())
                {
                    Visit(child, visit);
                }

                break;
            case JsonArray array:
                foreach (var child in array.ToList())
                {
                    Visit(child, visit);
                }

                break;
        }
    }
}
