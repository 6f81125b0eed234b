using GrainCompute.Deployment.Tests.Images;
using GrainCompute.Grains;
using Microsoft.Extensions.Configuration;

namespace GrainCompute.Deployment.Tests.Manifests;

using static Kustomize;

/// <summary>
/// k8s/overlays/kernel-packs, the example of silos with a kernel pack: the dev overlay with the image
/// docker/kernel-pack.Dockerfile builds and Compute:KernelPacks naming the path that image puts the pack at.
/// </summary>
public sealed class KernelPacksOverlayTests
{
    private const string Target = "overlays/kernel-packs";

    [Fact]
    public async Task The_silos_run_the_kernel_pack_image_and_the_sidecar_stays_the_dev_one()
    {
        var rendered = await RenderAsync(Target);

        Assert.Equal("graincompute/silo-acme:dev", Str(rendered.Container("silo")["image"]));
        Assert.Equal("graincompute/mpi:dev", Str(rendered.Container("mpi")["image"]));
    }

    [Fact]
    public async Task The_silos_load_the_pack_from_where_the_recipe_puts_it()
    {
        var environment = await PodEnvironment.ResolveAsync(await RenderAsync(Target), "silo", DeploymentPod.Fields("graincompute-silo-abc12"));
        var recipePath = KernelPackDockerfileTests.KernelPackSetting(Dockerfile.KernelPack).Replace("${PACK}", "Acme.Kernels", StringComparison.Ordinal);

        Assert.Equal(recipePath, environment["GRAINCOMPUTE__COMPUTE__KERNELPACKS__0"]);
    }

    [Fact]
    public async Task The_setting_binds_to_the_silos_compute_kernel_packs_list()
    {
        var environment = await PodEnvironment.ResolveAsync(await RenderAsync(Target), "silo", DeploymentPod.Fields("graincompute-silo-abc12"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
            environment.Where(e => e.Key.StartsWith("GRAINCOMPUTE__", StringComparison.Ordinal))
                .Select(e => KeyValuePair.Create(e.Key["GRAINCOMPUTE__".Length..].Replace("__", ":", StringComparison.Ordinal), (string?)e.Value))).Build();
        var compute = new ComputeOptions();
        configuration.GetSection("Compute").Bind(compute);

        Assert.Equal(["/packs/Acme.Kernels/Acme.Kernels.dll"], compute.KernelPacks);
        Assert.Empty(compute.Validate());
    }

    [Fact]
    public async Task Everything_but_the_image_and_the_packs_is_the_dev_overlays()
    {
        var dev = await PodEnvironment.ResolveAsync(await RenderAsync("overlays/dev"), "silo", DeploymentPod.Fields("graincompute-silo-abc12"));
        var packs = await PodEnvironment.ResolveAsync(await RenderAsync(Target), "silo", DeploymentPod.Fields("graincompute-silo-abc12"));

        Assert.Equal(dev.OrderBy(e => e.Key), packs.Where(e => e.Key != "GRAINCOMPUTE__COMPUTE__KERNELPACKS__0").OrderBy(e => e.Key));
        Assert.Equal(Int((await RenderAsync("overlays/dev")).SiloDeployment["spec"]!["replicas"]), Int((await RenderAsync(Target)).SiloDeployment["spec"]!["replicas"]));
    }
}
