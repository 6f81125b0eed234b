using System.Xml.Linq;
using GrainCompute.Deployment.Tests.Manifests;
using YamlDotNet.Serialization;

namespace GrainCompute.Deployment.Tests.Images;

using static Kustomize;

/// <summary>The Dockerfiles build what the manifests run, the way the issue asks (checked statically: CI has no Docker engine).</summary>
public sealed class DockerfileTests
{
    public static TheoryData<string> Files => [.. Dockerfile.All.Select(d => d.Name)];

    private static Dockerfile Get(string name) => Dockerfile.All.Single(d => d.Name == name);

    [Fact]
    public void There_is_a_dockerfile_for_the_silo_the_console_and_the_mpi_sidecar()
    {
        Assert.Equal(["graincompute/console", "graincompute/mpi", "graincompute/silo"], Dockerfile.All.Select(d => d.Title).Order());
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_builds_with_the_sdk_and_runs_on_a_small_runtime_image_as_a_non_root_user(string name)
    {
        var dockerfile = Get(name);

        Assert.True(dockerfile.Stages.Count >= 2, $"{name} is not multi-stage");
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", dockerfile.Stages[0], StringComparison.Ordinal);
        Assert.Matches(@"^FROM mcr\.microsoft\.com/dotnet/(aspnet|runtime):10\.0( AS \w+)?$", dockerfile.Stages[^1]);
        Assert.Contains(dockerfile.FinalStage, i => i.StartsWith("COPY --from=build ", StringComparison.Ordinal));
        Assert.NotEmpty(dockerfile.PublishedProject);
        Assert.True(dockerfile.User is "$APP_UID" or "app" || (int.TryParse(dockerfile.User, out var uid) && uid > 0), $"{name}'s final stage runs as '{dockerfile.User ?? "root"}'");
        Assert.Equal("dotnet", dockerfile.EntryPoint.FirstOrDefault());
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_entry_point_runs_the_assembly_its_project_builds(string name)
    {
        var dockerfile = Get(name);
        var project = Repository.PathOf(dockerfile.PublishedProject.Split('/'));
        if (!File.Exists(project))
        {
            // The MPI examples project is being written in parallel; until it lands there is nothing to compare.
            Assert.Equal("mpi.Dockerfile", name);
            return;
        }

        var assembly = XDocument.Load(project).Descendants("AssemblyName").Select(e => e.Value).SingleOrDefault() ?? Path.GetFileNameWithoutExtension(project);
        Assert.Equal($"{assembly}.dll", dockerfile.EntryPoint[1]);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_copies_the_folder_of_every_project_it_builds_and_nothing_that_is_gone(string name)
    {
        var dockerfile = Get(name);
        var sources = dockerfile.Instructions
            .Where(i => i.StartsWith("COPY ", StringComparison.Ordinal) && !i.Contains("--from=", StringComparison.Ordinal))
            .SelectMany(i => i.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1])
            .ToList();

        Assert.All(sources, source => Assert.True(
            File.Exists(Repository.PathOf(source.Split('/'))) || Directory.Exists(Repository.PathOf(source.Split('/'))),
            $"{name} copies {source}, which is not in the repository"));
        foreach (var folder in ProjectFolders(dockerfile.PublishedProject))
        {
            Assert.True(sources.Any(s => s.EndsWith('/') && folder.StartsWith(s, StringComparison.Ordinal)), $"{name} builds {dockerfile.PublishedProject}, which needs {folder}, but copies no folder holding it");
        }
    }

    [Fact]
    public void The_mpi_image_installs_mpich_from_the_distribution_and_no_open_mpi()
    {
        var mpi = Dockerfile.All.Single(d => d.Title == "graincompute/mpi");

        Assert.Contains(mpi.FinalStage, i => i.StartsWith("RUN apt-get update", StringComparison.Ordinal) && i.Contains("mpich", StringComparison.Ordinal));
        Assert.DoesNotContain(mpi.FinalStage, i => i.Contains("openmpi", StringComparison.Ordinal) || i.Contains("OMPI_", StringComparison.Ordinal));
        Assert.Equal(["dotnet", "graincompute-mpi.dll"], mpi.EntryPoint);
    }

    [Fact]
    public void The_kustomize_image_list_names_exactly_the_dockerfiles_images()
    {
        var kustomization = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(File.ReadAllText(Repository.PathOf("k8s", "base", "kustomization.yaml")));
        var names = ((List<object>)kustomization["images"]).Cast<Dictionary<object, object>>().Select(i => (string)i["name"]);

        Assert.Equal(Dockerfile.All.Select(d => d.Title).Order(), names.Order());
    }

    [Theory]
    [MemberData(nameof(Overlays), MemberType = typeof(Kustomize))]
    public async Task Every_image_the_manifests_run_is_built_by_a_dockerfile_or_is_postgres(string target)
    {
        var rendered = await RenderAsync(target);
        var images = rendered.OfKind("Deployment").Concat(rendered.OfKind("StatefulSet"))
            .SelectMany(w => Items(w["spec"]!["template"]!["spec"]!["containers"]))
            .ToDictionary(c => Str(c["name"]), c => Str(c["image"]));

        foreach (var (container, image) in images)
        {
            var repository = image.Split('@')[0];
            repository = repository.LastIndexOf(':') > repository.LastIndexOf('/') ? repository[..repository.LastIndexOf(':')] : repository;
            Assert.True(repository == "postgres" || Dockerfile.All.Any(d => repository == d.Title || repository.EndsWith('/' + d.Title, StringComparison.Ordinal)),
                $"container {container} in k8s/{target} runs {image}, which no Dockerfile in docker/ labels itself as");
        }

        Assert.Matches(@"(^|/)graincompute/silo:[\w.-]+$", images["silo"]);
        Assert.Matches(@"(^|/)graincompute/mpi:[\w.-]+$", images["mpi"]);
    }

    [Fact]
    public async Task The_silo_image_exposes_the_ports_the_deployment_declares()
    {
        var silo = Dockerfile.All.Single(d => d.Title == "graincompute/silo");
        var ports = Items((await RenderAsync("base")).Container("silo")["ports"]).Select(p => Int(p["containerPort"]));

        Assert.Equal(ports.Order(), silo.ExposedPorts.Order());
    }

    /// <summary>The folders (repository-relative, ending in '/') of a project and of every project it references, transitively.</summary>
    private static HashSet<string> ProjectFolders(string project)
    {
        var folders = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Repository.PathOf(project.Split('/'))]);
        while (pending.TryPop(out var path))
        {
            var folder = Path.GetDirectoryName(path)!;
            if (!folders.Add(Path.GetRelativePath(Repository.Root, folder).Replace('\\', '/') + "/"))
            {
                continue;
            }

            foreach (var reference in XDocument.Load(path).Descendants("ProjectReference"))
            {
                pending.Push(Path.GetFullPath(Path.Combine(folder, reference.Attribute("Include")!.Value)));
            }
        }

        return folders;
    }
}
