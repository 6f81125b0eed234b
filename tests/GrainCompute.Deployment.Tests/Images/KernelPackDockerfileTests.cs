namespace GrainCompute.Deployment.Tests.Images;

/// <summary>
/// docker/kernel-pack.Dockerfile, the recipe for a silo image with a user's kernel pack, read statically like the
/// other Dockerfiles: it builds the template's layout and leaves the silo image as it was, but for the pack.
/// </summary>
public sealed class KernelPackDockerfileTests
{
    private static readonly Dockerfile Recipe = Dockerfile.KernelPack;

    [Fact]
    public void It_publishes_the_pack_with_the_sdk_from_the_folder_layout_the_template_creates()
    {
        var template = JsonNode.Parse(File.ReadAllText(Repository.PathOf("templates", "graincompute-kernel", ".template.config", "template.json")))!;
        var sourceName = template["sourceName"]!.GetValue<string>();

        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", Recipe.Stages[0], StringComparison.Ordinal);
        Assert.Equal("src/$PACK/$PACK.csproj", Recipe.PublishedProject);
        Assert.True(File.Exists(Repository.PathOf("templates", "graincompute-kernel", "src", sourceName, sourceName + ".csproj")),
            $"the template has no src/{sourceName}/{sourceName}.csproj, the layout the recipe publishes from");
        Assert.Contains(Recipe.Instructions, i => i == "RUN mkdir -p /opt/nuget/packages");
    }

    [Fact]
    public void It_extends_the_silo_image_without_changing_its_user_ports_or_entry_point()
    {
        Assert.Matches(@"^graincompute/silo:[\w.-]+$", Recipe.BaseImage);
        Assert.Null(Recipe.User);
        Assert.Empty(Recipe.ExposedPorts);
        Assert.Empty(Recipe.EntryPoint);
        Assert.DoesNotContain(Recipe.FinalStage, i => i.StartsWith("CMD ", StringComparison.Ordinal) || i.StartsWith("RUN ", StringComparison.Ordinal));
    }

    [Fact]
    public void It_copies_the_pack_under_packs_and_points_compute_kernel_packs_at_its_assembly()
    {
        Assert.Contains("COPY --from=build /packs/ /packs/", Recipe.FinalStage);
        Assert.Contains("RUN dotnet publish src/$PACK/$PACK.csproj -c Release -o /packs/$PACK", Recipe.Instructions);
        Assert.Equal("/packs/${PACK}/${PACK}.dll", KernelPackSetting(Recipe));
    }

    /// <summary>The value the final stage's ENV gives GRAINCOMPUTE__COMPUTE__KERNELPACKS__0.</summary>
    internal static string KernelPackSetting(Dockerfile dockerfile)
    {
        const string Prefix = "ENV GRAINCOMPUTE__COMPUTE__KERNELPACKS__0=";
        var env = Assert.Single(dockerfile.FinalStage, i => i.StartsWith(Prefix, StringComparison.Ordinal));
        return env[Prefix.Length..];
    }
}
