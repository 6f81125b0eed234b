using GrainCompute.Kernels;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GrainCompute.Testing;

/// <summary>
/// Compiles C# source into a kernel pack assembly in a fresh folder, in about a second: for the loader's many failure
/// cases and for two versions of one kernel. The real authoring path (template, NuGet SDK, dotnet build) is
/// <see cref="KernelPackBuilder"/>'s.
/// </summary>
public static class PackCompiler
{
    private static readonly Lazy<MetadataReference[]> Framework = new(() =>
        [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "netstandard.dll" or "mscorlib.dll")
            .Select(path => MetadataReference.CreateFromFile(path))]);

    /// <summary>The assembly's path; it references the silo's kernel SDK unless <paramref name="sdk"/> names another build of it.</summary>
    public static string Compile(string assemblyName, string source, string version = "1.0.0.0", string? sdk = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "graincompute-packs", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, assemblyName + ".dll");
        Emit(assemblyName, version, source, path, sdk ?? typeof(IKernel).Assembly.Location);
        return path;
    }

    /// <summary>A stand-in kernel SDK of another version, for packs "built against an incompatible SDK".</summary>
    public static string CompileSdk(string version)
    {
        var folder = Path.Combine(Path.GetTempPath(), "graincompute-packs", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var name = typeof(IKernel).Assembly.GetName().Name!;
        var path = Path.Combine(folder, name + ".dll");
        Emit(name, version, "namespace GrainCompute.Kernels { public interface IKernel { } }", path, sdk: null);
        return path;
    }

    private static void Emit(string assemblyName, string version, string source, string path, string? sdk)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(source, parse), CSharpSyntaxTree.ParseText($"[assembly: System.Reflection.AssemblyVersion(\"{version}\")]", parse)],
            [.. Framework.Value, .. sdk is null ? Array.Empty<MetadataReference>() : [MetadataReference.CreateFromFile(sdk)]],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var output = File.Create(path);
        var result = compilation.Emit(output);
        if (!result.Success)
        {
            throw new InvalidOperationException($"the test pack {assemblyName} does not compile: {string.Join("; ", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))}");
        }
    }
}
