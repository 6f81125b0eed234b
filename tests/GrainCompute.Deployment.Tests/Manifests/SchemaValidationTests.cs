namespace GrainCompute.Deployment.Tests.Manifests;

/// <summary>
/// The rendered objects against the Kubernetes OpenAPI schemas, with the npm package kubernetes-models
/// (k8s/validate/validate.mjs). Needs `npm ci --prefix k8s/validate` first (scripts/test.sh does it).
/// </summary>
public sealed class SchemaValidationTests
{
    [Theory]
    [MemberData(nameof(KustomizeRenderTests.Targets), MemberType = typeof(KustomizeRenderTests))]
    public async Task Every_rendered_object_is_valid_against_the_kubernetes_schema(string target)
    {
        var rendered = await Kustomize.RenderAsync(target);
        var validator = Repository.PathOf("k8s", "validate");
        Assert.True(Directory.Exists(Path.Combine(validator, "node_modules", "kubernetes-models")),
            "k8s/validate/node_modules is missing: run `npm ci --prefix k8s/validate` (needs node and npm: `apt-get install nodejs npm`)");

        var (exitCode, stdout, stderr) = await Tools.RunAsync("node", "install Node.js ≥ 18 (`apt-get install nodejs npm`)", [Path.Combine(validator, "validate.mjs")], stdin: rendered.Yaml, workingDirectory: validator);

        Assert.True(exitCode == 0, $"kubernetes-models rejects k8s/{target}:\n{stderr}\n{stdout}");
        Assert.Contains($"{rendered.Objects.Count} objects, 0 invalid", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_validator_rejects_an_invalid_object()
    {
        const string Broken = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: broken\nspec:\n  replicas: three\n  selector: {}\n  template: {}\n";
        var validator = Repository.PathOf("k8s", "validate");

        var (exitCode, _, stderr) = await Tools.RunAsync("node", "install Node.js ≥ 18", [Path.Combine(validator, "validate.mjs")], stdin: Broken, workingDirectory: validator);

        Assert.Equal(1, exitCode);
        Assert.Contains("/spec/replicas", stderr, StringComparison.Ordinal);
    }
}
