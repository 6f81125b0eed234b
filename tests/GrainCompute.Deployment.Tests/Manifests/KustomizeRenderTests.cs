namespace GrainCompute.Deployment.Tests.Manifests;

using static Kustomize;

/// <summary>Every overlay renders, and renders what the issue asks of a GrainCompute deployment.</summary>
public sealed class KustomizeRenderTests
{
    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Each_target_renders_without_error_into_the_graincompute_namespace(string target)
    {
        var rendered = await RenderAsync(target);

        Assert.Single(rendered.OfKind("Namespace"), n => Str(n["metadata"]!["name"]) == "graincompute");
        Assert.All(rendered.Objects.Where(o => Str(o["kind"]) != "Namespace"), o => Assert.Equal("graincompute", Str(o["metadata"]!["namespace"])));
    }

    // overlays/kernel-packs is an example to copy (KernelPacksOverlayTests); it renders and validates like the others.
    public static TheoryData<string> Targets => new() { "base", "overlays/dev", "overlays/production", "overlays/kernel-packs" };

    [Theory]
    [InlineData("overlays/dev", 2)]
    [InlineData("overlays/production", 3)]
    public async Task The_silo_deployment_runs_the_overlays_silo_count(string target, int silos)
    {
        var rendered = await RenderAsync(target);
        var hpa = rendered.OfKind("HorizontalPodAutoscaler").SingleOrDefault();

        // With an autoscaler, the Deployment's replicas are only the start; the HPA's minimum is the floor.
        Assert.Equal(silos, Int(rendered.SiloDeployment["spec"]!["replicas"]));
        if (hpa is not null)
        {
            Assert.Equal(silos, Int(hpa["spec"]!["minReplicas"]));
        }
    }

    [Fact]
    public async Task The_base_runs_three_silos_and_the_dev_overlay_one_postgres()
    {
        Assert.Equal(3, Int((await RenderAsync("base")).SiloDeployment["spec"]!["replicas"]));
        Assert.Equal(1, Int((await RenderAsync("overlays/dev")).Single("StatefulSet", "graincompute-postgres")["spec"]!["replicas"]));
    }

    [Theory]
    [MemberData(nameof(Overlays), MemberType = typeof(Kustomize))]
    public async Task Silo_pods_get_their_ip_and_name_from_the_downward_api(string target)
    {
        var env = Items((await RenderAsync(target)).Container("silo")["env"]).ToDictionary(e => Str(e["name"]));

        Assert.Equal("status.podIP", Str(env["POD_IP"]["valueFrom"]!["fieldRef"]!["fieldPath"]));
        Assert.Equal("metadata.name", Str(env["POD_NAME"]["valueFrom"]!["fieldRef"]!["fieldPath"]));
        Assert.Equal("$(POD_IP)", Str(env["GRAINCOMPUTE__SILO__ADVERTISEDADDRESS"]["value"]));
        Assert.Equal("$(POD_NAME)", Str(env["GRAINCOMPUTE__SILO__SILONAME"]["value"]));
    }

    [Theory]
    [MemberData(nameof(Overlays), MemberType = typeof(Kustomize))]
    public async Task The_grace_period_outlasts_the_silos_drain_and_the_hosts_shutdown_timeout(string target)
    {
        var rendered = await RenderAsync(target);
        var environment = await PodEnvironment.ResolveAsync(rendered, "silo", DeploymentPod.Fields("silo-0"));
        var drain = environment.TryGetValue("GRAINCOMPUTE__SILO__DRAINTIMEOUT", out var text) ? TimeSpan.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : new GrainCompute.Server.Hosting.SiloOptions().DrainTimeout;

        // SiloHost sets HostOptions.ShutdownTimeout = DrainTimeout + 30 s; the kubelet's SIGKILL must come later.
        var grace = TimeSpan.FromSeconds(Int(rendered.PodSpec["terminationGracePeriodSeconds"]));
        Assert.True(grace > drain + TimeSpan.FromSeconds(30), $"terminationGracePeriodSeconds {grace.TotalSeconds} must exceed Silo:DrainTimeout {drain.TotalSeconds} s + 30 s");
    }

    [Theory]
    [MemberData(nameof(Overlays), MemberType = typeof(Kustomize))]
    public async Task Silos_request_cpu_and_memory_and_spread_over_nodes(string target)
    {
        var rendered = await RenderAsync(target);

        foreach (var container in Items(rendered.PodSpec["containers"]))
        {
            Assert.NotEmpty(Str(container["resources"]?["requests"]?["cpu"]));
            Assert.NotEmpty(Str(container["resources"]?["requests"]?["memory"]));
        }

        var antiAffinity = rendered.PodSpec["affinity"]?["podAntiAffinity"]?.AsObject();
        Assert.NotNull(antiAffinity);
        var terms = Items(antiAffinity!["requiredDuringSchedulingIgnoredDuringExecution"])
            .Concat(Items(antiAffinity["preferredDuringSchedulingIgnoredDuringExecution"]).Select(p => p["podAffinityTerm"]!.AsObject()));
        Assert.Contains(terms, t => Str(t["topologyKey"]) == "kubernetes.io/hostname"
            && Str(t["labelSelector"]?["matchLabels"]?["app.kubernetes.io/name"]) == "graincompute-silo");
    }

    [Theory]
    [MemberData(nameof(Overlays), MemberType = typeof(Kustomize))]
    public async Task The_mpi_sidecar_shares_the_pod_with_shm_in_memory_and_no_open_mpi_settings(string target)
    {
        var rendered = await RenderAsync(target);
        var mpi = rendered.Container("mpi");
        var shmVolume = Str(Items(mpi["volumeMounts"]).Single(m => Str(m["mountPath"]) == "/dev/shm")["name"]);

        Assert.Equal("Memory", Str(Items(rendered.PodSpec["volumes"]).Single(v => Str(v["name"]) == shmVolume)["emptyDir"]?["medium"]));
        Assert.DoesNotContain(Items(mpi["env"]), e => Str(e["name"]).StartsWith("OMPI_", StringComparison.Ordinal));
        Assert.Equal(["serve", "--port"], mpi["args"]!.AsArray().Select(Str).Take(2));
        Assert.Null(rendered.PodSpec["hostNetwork"]);
        var silo = await PodEnvironment.ResolveAsync(rendered, "silo", DeploymentPod.Fields("graincompute-silo-abc12"));
        Assert.Equal($"http://127.0.0.1:{Str(mpi["args"]![2])}", silo["GRAINCOMPUTE__COMPUTE__MPISIDECARURL"]);
    }

    [Theory]
    [MemberData(nameof(Overlays), MemberType = typeof(Kustomize))]
    public async Task A_disruption_budget_covers_the_silos_and_production_autoscales_on_cpu(string target)
    {
        var rendered = await RenderAsync(target);
        var pdb = rendered.Single("PodDisruptionBudget", "graincompute-silo");

        Assert.Equal("graincompute-silo", Str(pdb["spec"]!["selector"]!["matchLabels"]!["app.kubernetes.io/name"]));
        Assert.Equal(1, Int(pdb["spec"]!["maxUnavailable"]));
        if (target == "overlays/production")
        {
            var hpa = rendered.Single("HorizontalPodAutoscaler", "graincompute-silo");
            Assert.Equal("graincompute-silo", Str(hpa["spec"]!["scaleTargetRef"]!["name"]));
            Assert.Contains(Items(hpa["spec"]!["metrics"]), m => Str(m["resource"]?["name"]) == "cpu");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays), MemberType = typeof(Kustomize))]
    public async Task Postgres_keeps_its_data_on_a_volume_claim_and_its_credentials_in_a_secret(string target)
    {
        var rendered = await RenderAsync(target);
        var postgres = rendered.Single("StatefulSet", "graincompute-postgres");
        var container = Items(postgres["spec"]!["template"]!["spec"]!["containers"]).Single();
        var dataMount = Items(container["volumeMounts"]).Single(m => Str(m["mountPath"]) == "/var/lib/postgresql/data");

        Assert.Contains(Items(postgres["spec"]!["volumeClaimTemplates"]), c => Str(c["metadata"]!["name"]) == Str(dataMount["name"]));
        foreach (var name in new[] { "POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB" })
        {
            Assert.Equal("graincompute-postgres", Str(Items(container["env"]).Single(e => Str(e["name"]) == name)["valueFrom"]?["secretKeyRef"]?["name"]));
        }

        var silo = Items(rendered.Container("silo")["env"]).Single(e => Str(e["name"]) == "GRAINCOMPUTE__MEMBERSHIP__CONNECTIONSTRING");
        Assert.Equal("graincompute-postgres", Str(silo["valueFrom"]?["secretKeyRef"]?["name"]));
    }

    [Fact]
    public async Task Production_ships_no_credentials()
    {
        Assert.Empty((await RenderAsync("overlays/production")).OfKind("Secret"));
    }
}
