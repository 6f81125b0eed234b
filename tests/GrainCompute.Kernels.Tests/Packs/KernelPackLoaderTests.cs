using System.Runtime.Loader;
using GrainCompute.Testing;

namespace GrainCompute.Kernels.Tests.Packs;

public sealed class KernelPackLoaderTests
{
    private static readonly string[] BuiltIns = [.. KernelCatalog.Default.Names];

    [Fact]
    public async Task A_pack_loads_in_its_own_context_shares_the_sdk_and_runs()
    {
        var pack = PackCompiler.Compile("Cube.Pack", TestPacks.Cube);

        var kernel = Assert.Single(KernelPackLoader.Load([pack], BuiltIns)).Kernel;

        Assert.Equal("cube", kernel.Name);
        Assert.NotSame(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(kernel.GetType().Assembly));
        Assert.Contains(typeof(IKernel), kernel.GetType().GetInterfaces());
        var parameters = kernel.BindParameters(null);
        var chunks = new[] { await kernel.RunChunkAsync(parameters, 0, 4, default), await kernel.RunChunkAsync(parameters, 4, 6, default) };
        Assert.Equal(3025L, kernel.Reduce(parameters, chunks));
        Assert.StartsWith("1.0.0.0+", KernelVersion.Of(kernel), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_builds_of_one_version_are_told_apart_by_their_content()
    {
        var first = KernelPackLoader.Load([PackCompiler.Compile("Cube.Pack", TestPacks.Cube)], BuiltIns)[0].Kernel;
        var second = KernelPackLoader.Load([PackCompiler.Compile("Cube.Pack", TestPacks.CubeRebuilt)], BuiltIns)[0].Kernel;

        Assert.NotEqual(KernelVersion.Of(first), KernelVersion.Of(second));
        Assert.Equal(KernelVersion.Of(first).Split('+')[0], KernelVersion.Of(second).Split('+')[0]);
    }

    [Fact]
    public void A_folder_loads_the_assemblies_that_reference_the_sdk_and_skips_the_rest()
    {
        var pack = PackCompiler.Compile("Cube.Pack", TestPacks.Cube);
        var folder = Path.GetDirectoryName(pack)!;
        File.Copy(typeof(IKernel).Assembly.Location, Path.Combine(folder, Path.GetFileName(typeof(IKernel).Assembly.Location)));
        File.WriteAllText(Path.Combine(folder, "libnative.dll"), "not a .NET assembly");
        File.Copy(PackCompiler.Compile("Plain.Library", "public static class Plain { }"), Path.Combine(folder, "Plain.Library.dll"));

        var loaded = KernelPackLoader.Load([folder], BuiltIns);

        Assert.Equal(["cube"], loaded.Select(k => k.Kernel.Name));
        Assert.Equal(pack, loaded[0].Pack);
    }

    [Fact]
    public void A_missing_pack_is_one_line_naming_it()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-pack-{Guid.NewGuid():N}.dll");

        AssertRefused([missing], missing, "no such file or folder");
    }

    [Fact]
    public void An_assembly_without_the_sdk_is_not_a_pack()
    {
        var plain = PackCompiler.Compile("Plain.Library", "public static class Plain { }");

        AssertRefused([plain], plain, "not a kernel pack: it does not reference GrainCompute.Kernels.Sdk");
    }

    [Fact]
    public void A_folder_without_packs_is_refused()
    {
        var folder = Path.GetDirectoryName(PackCompiler.Compile("Plain.Library", "public static class Plain { }"))!;

        AssertRefused([folder], folder, "the folder holds no assembly that references GrainCompute.Kernels.Sdk");
    }

    [Fact]
    public void A_kernel_named_like_a_built_in_is_refused()
    {
        var pack = PackCompiler.Compile("Julia.Pack", TestPacks.Cube.Replace("\"cube\"", "\"Julia\"", StringComparison.Ordinal));

        AssertRefused([pack], pack, "kernel 'Julia' (Packs.CubeKernel) clashes with a built-in kernel of that name; rename one");
    }

    [Fact]
    public void Two_packs_with_one_kernel_name_are_refused_naming_both()
    {
        var first = PackCompiler.Compile("First.Pack", TestPacks.Cube);
        var second = PackCompiler.Compile("Second.Pack", TestPacks.Cube);

        AssertRefused([first, second], second, $"clashes with 'cube' in {first}");
    }

    [Theory]
    [InlineData("2.0.0.0")]
    [InlineData("1.9.0.0")]
    public void A_pack_built_against_an_sdk_this_silo_cannot_run_is_refused(string version)
    {
        var sdk = PackCompiler.CompileSdk(version);
        var pack = PackCompiler.Compile("Future.Pack", "public abstract class Uses : GrainCompute.Kernels.IKernel { }", sdk: sdk);

        AssertRefused([pack], pack, $"built against GrainCompute.Kernels.Sdk {version}, which this silo ({typeof(IKernel).Assembly.GetName().Version}) cannot run");
    }

    [Fact]
    public void A_kernel_whose_constructor_throws_is_refused_with_the_cause()
    {
        var pack = PackCompiler.Compile("Broken.Pack", TestPacks.Cube.Replace(
            "public override string Name",
            "public CubeKernel() => throw new InvalidOperationException(\"no licence file\");\n    public override string Name",
            StringComparison.Ordinal));

        AssertRefused([pack], pack, "kernel type Packs.CubeKernel failed to construct: InvalidOperationException: no licence file");
    }

    [Fact]
    public void A_kernel_without_a_parameterless_constructor_is_refused()
    {
        var pack = PackCompiler.Compile("Needy.Pack", TestPacks.Cube.Replace(
            "public override string Name",
            "public CubeKernel(int size) { }\n    public override string Name",
            StringComparison.Ordinal));

        AssertRefused([pack], pack, "kernel type Packs.CubeKernel has no public parameterless constructor");
    }

    [Fact]
    public void A_pack_without_kernels_is_refused()
    {
        var pack = PackCompiler.Compile("Empty.Pack", TestPacks.Usings + "public static class Helper { public static Type Kernel => typeof(IKernel); }");

        AssertRefused([pack], pack, "holds no public kernel type");
    }

    private static void AssertRefused(string[] paths, string culprit, string what)
    {
        var error = Assert.Throws<KernelPackException>(() => KernelPackLoader.Load(paths, BuiltIns));
        Assert.StartsWith($"Compute:KernelPacks: {culprit}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
