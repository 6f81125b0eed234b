using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace GrainCompute.Deployment.Tests.Manifests;

/// <summary>
/// The environment a container of the silo pod gets, worked out the way the kubelet does: envFrom ConfigMaps
/// first, then env in order; valueFrom fieldRef (from the pod values given), secretKeyRef, configMapKeyRef and
/// resourceFieldRef; then $(VAR) references to variables defined before, with $$ as an escaped $.
/// </summary>
internal static partial class PodEnvironment
{
    /// <summary>Names the container's env and envFrom set, without resolving values (for checks that need no pod).</summary>
    public static IReadOnlyList<string> Names(Rendered rendered, string container)
    {
        var spec = rendered.Container(container);
        var names = new List<string>();
        foreach (var source in Kustomize.Items(spec["envFrom"]))
        {
            names.AddRange(ConfigMapData(rendered, Kustomize.Str(source["configMapRef"]?["name"])).Select(d => d.Key));
        }

        names.AddRange(Kustomize.Items(spec["env"]).Select(e => Kustomize.Str(e["name"])));
        return names;
    }

    public static async Task<Dictionary<string, string>> ResolveAsync(Rendered rendered, string container, IReadOnlyDictionary<string, string> fieldValues)
    {
        var spec = rendered.Container(container);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in Kustomize.Items(spec["envFrom"]))
        {
            Assert.True(source["secretRef"] is null, "envFrom secretRef is not supported by this check; use env valueFrom secretKeyRef");
            foreach (var (key, value) in ConfigMapData(rendered, Kustomize.Str(source["configMapRef"]?["name"])))
            {
                environment[key] = value;
            }
        }

        foreach (var variable in Kustomize.Items(spec["env"]))
        {
            var name = Kustomize.Str(variable["name"]);
            if (variable["value"] is { } literal)
            {
                environment[name] = Expand(Kustomize.Str(literal), environment);
                continue;
            }

            var from = variable["valueFrom"]!.AsObject();
            if (from["fieldRef"] is { } field)
            {
                var path = Kustomize.Str(field["fieldPath"]);
                Assert.True(fieldValues.TryGetValue(path, out var value), $"{name} comes from fieldRef {path}, which this test does not supply");
                environment[name] = value!;
            }
            else if (from["secretKeyRef"] is { } secretRef)
            {
                var secret = await SecretDataAsync(rendered, Kustomize.Str(secretRef["name"]));
                var key = Kustomize.Str(secretRef["key"]);
                Assert.True(secret.TryGetValue(key, out var value), $"{name} reads key '{key}' of Secret {Kustomize.Str(secretRef["name"])}, which has only: {string.Join(", ", secret.Keys)}");
                environment[name] = value!;
            }
            else if (from["configMapKeyRef"] is { } configRef)
            {
                var data = ConfigMapData(rendered, Kustomize.Str(configRef["name"]));
                environment[name] = data[Kustomize.Str(configRef["key"])];
            }
            else if (from["resourceFieldRef"] is { } resourceRef)
            {
                environment[name] = ResourceValue(rendered, container, resourceRef.AsObject());
            }
            else
            {
                Assert.Fail($"{name}: valueFrom {from.ToJsonString()} is not understood by this check");
            }
        }

        return environment;
    }

    /// <summary>A Secret's data by name: from the target's render, or (production, whose Secrets are made by hand) the dev overlay's, which show their shape.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> SecretDataAsync(Rendered rendered, string name)
    {
        var secret = rendered.OfKind("Secret").FirstOrDefault(s => Kustomize.Str(s["metadata"]?["name"]) == name)
            ?? (await Kustomize.RenderAsync("overlays/dev")).OfKind("Secret").FirstOrDefault(s => Kustomize.Str(s["metadata"]?["name"]) == name);
        Assert.True(secret is not null, $"Secret {name} is rendered neither by k8s/{rendered.Target} nor by k8s/overlays/dev");
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in secret!["stringData"]?.AsObject() ?? [])
        {
            data[key] = Kustomize.Str(value);
        }

        foreach (var (key, value) in secret["data"]?.AsObject() ?? [])
        {
            data[key] = Encoding.UTF8.GetString(Convert.FromBase64String(Kustomize.Str(value)));
        }

        return data;
    }

    private static Dictionary<string, string> ConfigMapData(Rendered rendered, string name)
    {
        var map = rendered.Single("ConfigMap", name);
        return (map["data"]?.AsObject() ?? []).ToDictionary(p => p.Key, p => Kustomize.Str(p.Value), StringComparer.Ordinal);
    }

    /// <summary>requests/limits.cpu with a divisor, rounded up as the kubelet does (500m with divisor 1 is "1").</summary>
    private static string ResourceValue(Rendered rendered, string container, JsonObject reference)
    {
        var resource = Kustomize.Str(reference["resource"]);
        var owner = rendered.Container(reference["containerName"] is { } named ? Kustomize.Str(named) : container);
        var parts = resource.Split('.');
        var quantity = Kustomize.Str(owner["resources"]?[parts[0]]?[parts[1]]);
        Assert.True(quantity.Length > 0, $"resourceFieldRef {resource} of container {Kustomize.Str(owner["name"])} is not set");
        Assert.True(parts[1] == "cpu", $"resourceFieldRef {resource} is not understood by this check (cpu only)");
        var divisor = reference["divisor"] is { } d ? Cores(Kustomize.Str(d)) : 1m;
        return ((long)Math.Ceiling(Cores(quantity) / divisor)).ToString(CultureInfo.InvariantCulture);
    }

    private static decimal Cores(string quantity) => quantity.EndsWith('m')
        ? decimal.Parse(quantity[..^1], CultureInfo.InvariantCulture) / 1000m
        : decimal.Parse(quantity, CultureInfo.InvariantCulture);

    private static string Expand(string value, Dictionary<string, string> defined) =>
        Reference().Replace(value, match => match.Value == "$$"
            ? "$"
            : defined.TryGetValue(match.Groups[1].Value, out var replacement) ? replacement : match.Value);

    [GeneratedRegex(@"\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)")]
    private static partial Regex Reference();
}
