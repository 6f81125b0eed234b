namespace GrainCompute.Deployment.Tests.Manifests;

using static Kustomize;

/// <summary>The manifests run the silos the Orleans way: Kubernetes hosting on, with the account, role and pod values it needs.</summary>
public sealed class KubernetesHostingManifestTests
{
    [Theory]
    [MemberData(nameof(Overlays), MemberType = typeof(Kustomize))]
    public async Task Kubernetes_hosting_is_on_with_the_pods_name_ip_and_namespace_from_the_downward_api(string target)
    {
        var rendered = await RenderAsync(target);
        var environment = await PodEnvironment.ResolveAsync(rendered, "silo", DeploymentPod.Fields("graincompute-silo-abc12", "10.1.2.3"));

        Assert.Equal("true", environment["GRAINCOMPUTE__KUBERNETES__ENABLED"]);
        Assert.Equal("graincompute-silo-abc12", environment["POD_NAME"]);
        Assert.Equal("10.1.2.3", environment["POD_IP"]);
        Assert.Equal("graincompute", environment["POD_NAMESPACE"]);

        // Orleans' hosting fills in only what the silo leaves unset: the silo's own name and address settings agree with it.
        Assert.Equal(environment["POD_NAME"], environment["GRAINCOMPUTE__SILO__SILONAME"]);
        Assert.Equal(environment["POD_IP"], environment["GRAINCOMPUTE__SILO__ADVERTISEDADDRESS"]);
    }

    [Theory]
    [MemberData(nameof(Overlays), MemberType = typeof(Kustomize))]
    public async Task The_silos_service_account_may_label_watch_and_delete_pods_of_its_namespace_and_no_more(string target)
    {
        var rendered = await RenderAsync(target);
        var account = Str(rendered.PodSpec["serviceAccountName"]);

        Assert.Equal("graincompute-silo", account);
        rendered.Single("ServiceAccount", account);
        var binding = rendered.Single("RoleBinding", "graincompute-silo");
        var subject = Assert.Single(Items(binding["subjects"]));
        Assert.Equal(("ServiceAccount", account), (Str(subject["kind"]), Str(subject["name"])));
        Assert.Equal("Role", Str(binding["roleRef"]!["kind"]));
        var role = rendered.Single("Role", Str(binding["roleRef"]!["name"]));
        var rule = Assert.Single(Items(role["rules"]));
        Assert.Equal([""], rule["apiGroups"]!.AsArray().Select(Str));
        Assert.Equal(["pods"], rule["resources"]!.AsArray().Select(Str));
        Assert.Equal(["delete", "get", "list", "patch", "watch"], rule["verbs"]!.AsArray().Select(Str).Order());
        Assert.Empty(rendered.OfKind("ClusterRole"));
        Assert.Empty(rendered.OfKind("ClusterRoleBinding"));
    }

    [Theory]
    [MemberData(nameof(Overlays), MemberType = typeof(Kustomize))]
    public async Task Prometheus_finds_each_silos_metrics_on_its_http_port(string target)
    {
        var rendered = await RenderAsync(target);
        var annotations = rendered.SiloDeployment["spec"]!["template"]!["metadata"]!["annotations"]!;
        var http = Items(rendered.Container("silo")["ports"]).Single(p => Str(p["name"]) == "http");
        var environment = await PodEnvironment.ResolveAsync(rendered, "silo", DeploymentPod.Fields("graincompute-silo-abc12"));

        Assert.Equal("true", Str(annotations["prometheus.io/scrape"]));
        Assert.Equal(Int(http["containerPort"]), Int(annotations["prometheus.io/port"]));
        Assert.Equal(environment.GetValueOrDefault("GRAINCOMPUTE__TELEMETRY__PROMETHEUSPATH", new GrainCompute.Server.Hosting.TelemetryOptions().PrometheusPath), Str(annotations["prometheus.io/path"]));
    }
}
