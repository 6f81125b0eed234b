using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using GrainCompute.Kernels;

namespace GrainCompute.Deployment.Tests.Templates;

/// <summary>
/// templates/graincompute-kernel as a user meets it, with real <c>dotnet</c> processes (KernelPackBuilder): the
/// project builds outside the repository, its own tests pass, and its assembly is what a silo's loader expects.
/// </summary>
public sealed partial class KernelTemplateTests
{
    [Fact]
    public async Task The_template_creates_a_pack_that_builds_outside_the_repository_and_passes_its_own_tests()
    {
        var pack = await KernelPackBuilder.BuildAsync();

        Assert.False(pack.ProjectDirectory.StartsWith(Repository.Root, StringComparison.Ordinal), $"{pack.ProjectDirectory} is inside the repository");
        for (var directory = new DirectoryInfo(pack.ProjectDirectory).Parent; directory is not null; directory = directory.Parent)
        {
            Assert.False(File.Exists(Path.Combine(directory.FullName, "Directory.Build.props")), $"{directory.FullName} has a Directory.Build.props the pack would build with");
        }

        var output = await pack.DotnetAsync(["test", "--disable-build-servers"]);

        var passed = TestsPassed().Match(output);
        Assert.True(passed.Success, $"`dotnet test` printed no test summary:\n{output}");
        Assert.True(int.Parse(passed.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 10, $"the template's own tests did not all run:\n{output}");
        Assert.DoesNotMatch(@"Failed:\s+[1-9]", output);
    }

    [Fact]
    public async Task The_pack_references_the_sdk_at_the_repositorys_version_and_leaves_the_sdk_assembly_to_the_silo()
    {
        var pack = await KernelPackBuilder.BuildAsync();
        var version = Version.Parse(KernelPackBuilder.RepositorySdkVersion);

        Assert.Equal(new Version(version.Major, version.Minor, 0, 0), pack.ReferencedSdkVersion());
        Assert.Equal(typeof(IKernel).Assembly.GetName().Version, pack.ReferencedSdkVersion());
        Assert.True(File.Exists(Path.Combine(pack.Folder, $"{pack.Name}.deps.json")), $"{pack.Folder} has no .deps.json for the loader to resolve dependencies from");
        Assert.False(File.Exists(Path.Combine(pack.Folder, "GrainCompute.Kernels.Sdk.dll")), $"{pack.Folder} carries its own copy of the SDK");
    }

    [Fact]
    public async Task A_pack_built_against_sdk_2_references_sdk_assembly_version_2()
    {
        var pack = await KernelPackBuilder.BuildAsync(sdkVersion: "2.0.0");

        Assert.Equal("2.0.0", pack.SdkVersion);
        Assert.Equal(new Version(2, 0, 0, 0), pack.ReferencedSdkVersion());
    }

    [Fact]
    public async Task Callers_asking_for_the_same_pack_at_once_share_one_build()
    {
        var first = KernelPackBuilder.BuildAsync();
        var second = KernelPackBuilder.BuildAsync();

        Assert.Same(await first, await second);
    }

    [Fact]
    public async Task The_packs_kernel_loads_beside_the_shared_sdk_and_computes_the_documented_result()
    {
        var pack = await KernelPackBuilder.BuildAsync();
        var context = new SharedSdkLoadContext(pack.AssemblyPath);
        try
        {
            var assembly = context.LoadFromAssemblyPath(pack.AssemblyPath);
            var kernelType = Assert.Single(assembly.GetExportedTypes(), t => typeof(IKernel).IsAssignableFrom(t) && !t.IsAbstract);
            var kernel = (IKernel)Activator.CreateInstance(kernelType)!;
            var parameters = kernel.BindParameters(JsonDocument.Parse("""{"n": 100}""").RootElement);

            var chunks = new List<byte[]>();
            for (var start = 0; start < 100; start += 30)
            {
                chunks.Add(await kernel.RunChunkAsync(parameters, start, Math.Min(30, 100 - start), CancellationToken.None));
            }

            Assert.Equal(KernelPackBuilder.DefaultKernelName, kernel.Name);
            Assert.Equal(901L, kernel.Reduce(parameters, chunks));
            Assert.Equal(["n", "base"], kernel.Parameters.Select(p => p.Name));
        }
        finally
        {
            context.Unload();
        }
    }

    [GeneratedRegex(@"Passed:\s+(\d+)")]
    private static partial Regex TestsPassed();

    /// <summary>A pack's own context that shares the SDK (and the framework) with the host, as a silo's loader does.</summary>
    private sealed class SharedSdkLoadContext(string assemblyPath) : AssemblyLoadContext($"pack {Path.GetFileName(assemblyPath)}", isCollectible: true)
    {
        private readonly AssemblyDependencyResolver _resolver = new(assemblyPath);

        protected override Assembly? Load(AssemblyName assemblyName) =>
            assemblyName.Name == typeof(IKernel).Assembly.GetName().Name || _resolver.ResolveAssemblyToPath(assemblyName) is not { } path
                ? null
                : LoadFromAssemblyPath(path);
    }
}
