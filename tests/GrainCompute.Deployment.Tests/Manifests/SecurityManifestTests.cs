using GrainCompute.Server.Hosting;
using Microsoft.Extensions.Configuration;

namespace GrainCompute.Deployment.Tests.Manifests;

using static Kustomize;

/// <summary>What docs/security.md promises of the manifests: no shipped credentials, loud missing Secrets, TLS in production, network policy.</summary>
public sealed class SecurityManifestTests
{
    [Fact]
    public async Task The_base_ships_no_secret_so_no_default_password_or_empty_key()
    {
        var rendered = await RenderAsync("base");

        Assert.Empty(rendered.OfKind("Secret"));
        Assert.DoesNotContain("graincompute-dev", rendered.Yaml, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(KustomizeRenderTests.Targets), MemberType = typeof(KustomizeRenderTests))]
    public async Task No_secret_reference_is_optional_so_a_missing_secret_keeps_the_pod_from_starting(string target)
    {
        var rendered = await RenderAsync(target);
        var pods = rendered.OfKind("Deployment").Concat(rendered.OfKind("StatefulSet")).Select(w => w["spec"]!["template"]!["spec"]!).ToList();
        var keyReferences = pods.SelectMany(p => Items(p["containers"])).SelectMany(c => Items(c["env"])).Select(e => e["valueFrom"]?["secretKeyRef"]).OfType<JsonNode>().ToList();
        var volumes = pods.SelectMany(p => Items(p["volumes"])).Select(v => v["secret"]).OfType<JsonNode>().ToList();

        Assert.NotEmpty(keyReferences);
        Assert.All(keyReferences.Concat(volumes), r => Assert.NotEqual("true", Str(r["optional"])));
    }

    [Fact]
    public async Task The_dev_overlay_supplies_its_secrets_with_a_non_empty_api_key_and_runs_without_cluster_tls()
    {
        var rendered = await RenderAsync("overlays/dev");
        var environment = await PodEnvironment.ResolveAsync(rendered, "silo", DeploymentPod.Fields("graincompute-silo-abc12"));

        Assert.NotEmpty(environment["GRAINCOMPUTE__API__APIKEY"]);
        Assert.DoesNotContain(environment.Keys, k => k.StartsWith("GRAINCOMPUTE__CLUSTER__TLS__", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Production_requires_cluster_tls_from_the_cluster_tls_secret()
    {
        var rendered = await RenderAsync("overlays/production");
        var environment = await PodEnvironment.ResolveAsync(rendered, "silo", DeploymentPod.Fields("graincompute-silo-abc12"));

        Assert.Equal("true", environment["GRAINCOMPUTE__CLUSTER__TLS__REQUIRED"]);
        foreach (var (setting, key) in new[] { ("CERTIFICATEPATH", "tls.crt"), ("KEYPATH", "tls.key"), ("CAPATH", "ca.crt") })
        {
            var source = MountedSecretFiles.SecretKeyAt(rendered, environment[$"GRAINCOMPUTE__CLUSTER__TLS__{setting}"]);
            Assert.Equal(("graincompute-cluster-tls", key, false), source);
        }
    }

    [Fact]
    public async Task Production_connects_to_postgres_with_verify_full_against_the_ca_from_a_secret()
    {
        var rendered = await RenderAsync("overlays/production");
        var environment = await PodEnvironment.ResolveAsync(rendered, "silo", DeploymentPod.Fields("graincompute-silo-abc12"));
        var caPath = environment["GRAINCOMPUTE__MEMBERSHIP__TLSCAPATH"];
        var options = new MembershipOptions();
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionString"] = environment["GRAINCOMPUTE__MEMBERSHIP__CONNECTIONSTRING"],
            ["TlsCaPath"] = caPath,
        }).Build().Bind(options);
        var effective = new Npgsql.NpgsqlConnectionStringBuilder(options.EffectiveConnectionString);

        Assert.Equal(("graincompute-postgres-ca", "ca.crt", false), MountedSecretFiles.SecretKeyAt(rendered, caPath));
        Assert.Equal(Npgsql.SslMode.VerifyFull, effective.SslMode);
        Assert.Equal(caPath, effective.RootCertificate);
    }

    [Fact]
    public async Task Production_postgres_serves_tls_with_its_certificate_from_a_secret()
    {
        var rendered = await RenderAsync("overlays/production");
        var pod = rendered.Single("StatefulSet", "graincompute-postgres")["spec"]!["template"]!["spec"]!;
        var container = Items(pod["containers"]).Single();
        var args = string.Join(' ', container["args"]!.AsArray().Select(Str));
        var mount = Items(container["volumeMounts"]).Single(m => args.Contains($"ssl_cert_file={Str(m["mountPath"])}/tls.crt", StringComparison.Ordinal));
        var volume = Items(pod["volumes"]).Single(v => Str(v["name"]) == Str(mount["name"]));

        Assert.Contains("-c ssl=on", args, StringComparison.Ordinal);
        Assert.Contains($"ssl_key_file={Str(mount["mountPath"])}/tls.key", args, StringComparison.Ordinal);
        Assert.Equal("graincompute-postgres-tls", Str(volume["secret"]?["secretName"]));
    }

    [Theory]
    [MemberData(nameof(Overlays), MemberType = typeof(Kustomize))]
    public async Task Only_silo_pods_reach_the_silo_gateway_and_postgres_ports_and_no_rule_admits_everyone(string target)
    {
        var rendered = await RenderAsync(target);
        var silo = rendered.Single("NetworkPolicy", "graincompute-silo");
        var postgres = rendered.Single("NetworkPolicy", "graincompute-postgres");
        var siloOnly = new[] { "11111", "30000" };

        Assert.Equal("graincompute-silo", Str(silo["spec"]!["podSelector"]!["matchLabels"]!["app.kubernetes.io/name"]));
        Assert.Equal("graincompute-postgres", Str(postgres["spec"]!["podSelector"]!["matchLabels"]!["app.kubernetes.io/name"]));
        foreach (var rule in Items(silo["spec"]!["ingress"]).Concat(Items(postgres["spec"]!["ingress"])))
        {
            // A rule without `from` admits every source: none may exist.
            var sources = Items(rule["from"]).ToList();
            Assert.NotEmpty(sources);
            Assert.NotEmpty(Items(rule["ports"]));
            var ports = Items(rule["ports"]).Select(p => Str(p["port"])).ToList();
            if (ports.Intersect(siloOnly.Append("5432")).Any())
            {
                Assert.All(sources, s => Assert.Equal("graincompute-silo", Str(s["podSelector"]?["matchLabels"]?["app.kubernetes.io/name"])));
            }
        }

        var apiRule = Items(silo["spec"]!["ingress"]).Single(r => Items(r["ports"]).Any(p => Str(p["port"]) == "8080"));
        Assert.DoesNotContain(Items(apiRule["ports"]), p => siloOnly.Contains(Str(p["port"])));
        Assert.Contains(siloOnly, p => Items(silo["spec"]!["ingress"]).Any(r => Items(r["ports"]).Any(q => Str(q["port"]) == p)));
    }
}
