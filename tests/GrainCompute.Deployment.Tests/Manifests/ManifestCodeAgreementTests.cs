using Microsoft.Extensions.Configuration;
using System.Reflection;
using GrainCompute.Grains;
using GrainCompute.Server.Hosting;

namespace GrainCompute.Deployment.Tests.Manifests;

using static Kustomize;

/// <summary>What the manifests set is what the silo reads: settings, ports, probe paths, Secret keys.</summary>
public sealed class ManifestCodeAgreementTests
{
    /// <summary>The configuration sections SiloHost binds, and the options class of each.</summary>
    private static readonly Dictionary<string, Type> Sections = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Silo"] = typeof(SiloOptions),
        ["Api"] = typeof(ApiOptions),
        ["Membership"] = typeof(MembershipOptions),
        ["Compute"] = typeof(ComputeOptions),
        ["Cluster:Tls"] = typeof(GrainCompute.Server.Security.ClusterTlsOptions),
        ["Kubernetes"] = typeof(KubernetesOptions),
        ["Telemetry"] = typeof(TelemetryOptions),
    };

    /// <summary>Variables the silo container may carry that are not GRAINCOMPUTE__ settings, and why.</summary>
    private static readonly string[] OtherVariables = ["POD_IP", "POD_NAME", "POD_NAMESPACE"];

    private static readonly string[] OtherPrefixes = ["Logging__"];

    [Theory]
    [MemberData(nameof(Overlays), MemberType = typeof(Kustomize))]
    public async Task Every_GRAINCOMPUTE_variable_names_a_settable_option_of_a_bound_section(string target)
    {
        var names = PodEnvironment.Names(await RenderAsync(target), "silo");

        Assert.Contains("GRAINCOMPUTE__SILO__CLUSTERID", names);
        foreach (var name in names)
        {
            if (!name.StartsWith("GRAINCOMPUTE__", StringComparison.Ordinal))
            {
                Assert.True(OtherVariables.Contains(name) || OtherPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)), $"k8s/{target} sets {name} on the silo, which it does not read");
                continue;
            }

            var parts = name.Split("__");
            Assert.True(parts.Length >= 3, $"{name} is not GRAINCOMPUTE__<Section>__<Setting>");
            var (section, setting) = (string.Join(':', parts[1..^1]), parts[^1]);
            Assert.True(Sections.TryGetValue(section, out var options), $"{name}: the silo binds no section '{section}' (known: {string.Join(", ", Sections.Keys)})");
            var property = options!.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .SingleOrDefault(p => string.Equals(p.Name, setting, StringComparison.OrdinalIgnoreCase));
            Assert.True(property is { CanWrite: true, SetMethod.IsPublic: true }, $"{name}: {options.Name} has no public settable property '{setting}'");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays), MemberType = typeof(Kustomize))]
    public async Task The_settings_the_pod_gets_pass_the_silos_own_validation(string target)
    {
        var rendered = await RenderAsync(target);
        var environment = await PodEnvironment.ResolveAsync(rendered, "silo", DeploymentPod.Fields("graincompute-silo-abc12"));

        // Files the pod gets from mounted Secrets exist in the pod, not here: each such path must lie in a Secret
        // mount (SecurityManifestTests), and is replaced by a file that exists so the rest of validation runs.
        using var mounted = new MountedSecretFiles(rendered, environment);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
            environment.Where(e => e.Key.StartsWith("GRAINCOMPUTE__", StringComparison.Ordinal))
                .Select(e => KeyValuePair.Create(e.Key["GRAINCOMPUTE__".Length..].Replace("__", ":", StringComparison.Ordinal), (string?)e.Value))).Build();

        var problems = new List<string>();
        problems.AddRange(Bind<SiloOptions>(configuration, "Silo").Validate());
        problems.AddRange(Bind<ApiOptions>(configuration, "Api").Validate());
        problems.AddRange(Bind<MembershipOptions>(configuration, "Membership").Validate());
        problems.AddRange(Bind<ComputeOptions>(configuration, "Compute").Validate());
        problems.AddRange(Bind<GrainCompute.Server.Security.ClusterTlsOptions>(configuration, "Cluster:Tls").Validate());
        problems.AddRange(Bind<TelemetryOptions>(configuration, "Telemetry").Validate());
        problems.AddRange(Bind<KubernetesOptions>(configuration, "Kubernetes").Validate(environment.GetValueOrDefault));

        Assert.Empty(problems);
        Assert.True(Bind<MembershipOptions>(configuration, "Membership").UsesPostgres, "the manifests must select the PostgreSQL membership provider");
    }

    [Theory]
    [MemberData(nameof(Overlays), MemberType = typeof(Kustomize))]
    public async Task Every_container_port_probe_port_and_service_port_is_one_the_silo_listens_on(string target)
    {
        var rendered = await RenderAsync(target);
        var environment = await PodEnvironment.ResolveAsync(rendered, "silo", DeploymentPod.Fields("graincompute-silo-abc12"));
        var apiPorts = environment["GRAINCOMPUTE__API__URLS"].Split(';', StringSplitOptions.RemoveEmptyEntries).Select(u => new Uri(u).Port).ToHashSet();
        var siloPort = int.Parse(environment["GRAINCOMPUTE__SILO__SILOPORT"], System.Globalization.CultureInfo.InvariantCulture);
        var gatewayPort = int.Parse(environment["GRAINCOMPUTE__SILO__GATEWAYPORT"], System.Globalization.CultureInfo.InvariantCulture);
        var silo = rendered.Container("silo");
        var ports = Items(silo["ports"]).ToDictionary(p => Str(p["name"]), p => Int(p["containerPort"]));

        Assert.Equal(new HashSet<int>([.. apiPorts, siloPort, gatewayPort]), ports.Values.ToHashSet());
        Assert.Equal(siloPort, ports["silo"]);
        Assert.Equal(gatewayPort, ports["gateway"]);
        Assert.Contains(ports["http"], apiPorts);
        Assert.Equal(ports["http"], new Uri(environment["GRAINCOMPUTE__SILO__GATEWAYURL"]).Port);
        Assert.Equal("127.0.0.1", new Uri(environment["GRAINCOMPUTE__SILO__GATEWAYURL"]).Host);
        Assert.Empty(Items(rendered.Container("mpi")["ports"]));

        foreach (var probe in new[] { "startupProbe", "livenessProbe", "readinessProbe" })
        {
            var get = silo[probe]?["httpGet"];
            Assert.True(get is not null, $"the silo container has no {probe} httpGet");
            Assert.Equal(ports["http"], PortNumber(get!["port"], ports));
        }

        foreach (var service in rendered.OfKind("Service").Where(s => Str(s["spec"]!["selector"]?["app.kubernetes.io/name"]) == "graincompute-silo"))
        {
            foreach (var port in Items(service["spec"]!["ports"]))
            {
                Assert.Contains(PortNumber(port["targetPort"] ?? port["port"], ports), ports.Values);
            }
        }

        var api = rendered.Single("Service", "graincompute");
        Assert.Equal(ports["http"], PortNumber(Items(api["spec"]!["ports"]).Single()["targetPort"], ports));
        var headless = rendered.Single("Service", "graincompute-silo");
        Assert.Equal("None", Str(headless["spec"]!["clusterIP"]));
        var headlessPorts = Items(headless["spec"]!["ports"]).ToDictionary(p => Str(p["name"]), p => PortNumber(p["targetPort"], ports));
        Assert.Equal(siloPort, headlessPorts["silo"]);
        Assert.Equal(gatewayPort, headlessPorts["gateway"]);
        Assert.Equal(ports["http"], headlessPorts["http"]);
    }

    [Theory]
    [MemberData(nameof(Overlays), MemberType = typeof(Kustomize))]
    public async Task Probes_use_the_silos_health_endpoints(string target)
    {
        var silo = (await RenderAsync(target)).Container("silo");

        Assert.Equal("/health/live", Str(silo["startupProbe"]!["httpGet"]!["path"]));
        Assert.Equal("/health/live", Str(silo["livenessProbe"]!["httpGet"]!["path"]));
        Assert.Equal("/health/ready", Str(silo["readinessProbe"]!["httpGet"]!["path"]));
    }

    [Theory]
    [MemberData(nameof(Overlays), MemberType = typeof(Kustomize))]
    public async Task Every_secret_key_reference_names_a_key_of_that_secret(string target)
    {
        var rendered = await RenderAsync(target);
        var containers = rendered.OfKind("Deployment").Concat(rendered.OfKind("StatefulSet"))
            .SelectMany(w => Items(w["spec"]!["template"]!["spec"]!["containers"]));
        var references = containers.SelectMany(c => Items(c["env"])).Select(e => e["valueFrom"]?["secretKeyRef"]).OfType<JsonNode>().ToList();

        Assert.NotEmpty(references);
        foreach (var reference in references)
        {
            var data = await PodEnvironment.SecretDataAsync(rendered, Str(reference["name"]));
            Assert.True(data.ContainsKey(Str(reference["key"])), $"Secret {Str(reference["name"])} has no key '{Str(reference["key"])}' (it has {string.Join(", ", data.Keys)})");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays), MemberType = typeof(Kustomize))]
    public async Task The_silos_connection_string_names_the_postgres_service_and_the_secrets_credentials(string target)
    {
        var rendered = await RenderAsync(target);
        var secret = await PodEnvironment.SecretDataAsync(rendered, "graincompute-postgres");
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(secret["connection-string"]);
        var service = rendered.Single("Service", "graincompute-postgres");

        Assert.Equal("graincompute-postgres", connection.Host);
        Assert.Equal(Int(Items(service["spec"]!["ports"]).Single()["port"]), connection.Port);
        Assert.Equal(secret["username"], connection.Username);
        Assert.Equal(secret["password"], connection.Password);
        Assert.Equal(secret["database"], connection.Database);
    }

    private static int PortNumber(JsonNode? port, Dictionary<string, int> named)
    {
        var text = Str(port);
        return int.TryParse(text, out var number) ? number : named.TryGetValue(text, out var resolved) ? resolved : throw new Xunit.Sdk.XunitException($"port '{text}' names no container port (known: {string.Join(", ", named.Keys)})");
    }

    private static T Bind<T>(IConfiguration configuration, string section) where T : new()
    {
        var options = new T();
        configuration.GetSection(section).Bind(options);
        return options;
    }
}
