using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace GrainCompute.Testing;

/// <summary>A kernel pack <see cref="KernelPackBuilder"/> built from the template, published and ready to load.</summary>
public sealed class KernelPack
{
    private readonly IReadOnlyDictionary<string, string> _environment;

    internal KernelPack(string name, string sdkVersion, string kernelName, string projectDirectory, IReadOnlyDictionary<string, string> environment)
    {
        Name = name;
        SdkVersion = sdkVersion;
        KernelName = kernelName;
        ProjectDirectory = projectDirectory;
        _environment = environment;
    }

    /// <summary>The project, assembly and root namespace name (<c>dotnet new graincompute-kernel -n</c>).</summary>
    public string Name { get; }

    /// <summary>The GrainCompute.Kernels.Sdk package version it was built against.</summary>
    public string SdkVersion { get; }

    /// <summary>The name its example kernel registers under, the one jobs submit.</summary>
    public string KernelName { get; }

    /// <summary>What the template created: the .slnx, nuget.config, src/ and tests/.</summary>
    public string ProjectDirectory { get; }

    /// <summary>The published pack: <c>dotnet publish src/&lt;Name&gt; -c Release -o out/&lt;Name&gt;</c>; a Compute:KernelPacks entry may name it.</summary>
    public string Folder => Path.Combine(ProjectDirectory, "out", Name);

    /// <summary>The pack's assembly in <see cref="Folder"/>; a Compute:KernelPacks entry may name it too.</summary>
    public string AssemblyPath => Path.Combine(Folder, Name + ".dll");

    /// <summary>The GrainCompute.Kernels.Sdk version the assembly references, read from its metadata (nothing is loaded).</summary>
    public Version ReferencedSdkVersion()
    {
        using var stream = File.OpenRead(AssemblyPath);
        using var image = new PEReader(stream);
        var metadata = image.GetMetadataReader();
        foreach (var handle in metadata.AssemblyReferences)
        {
            var reference = metadata.GetAssemblyReference(handle);
            if (metadata.GetString(reference.Name) == KernelPackBuilder.SdkAssemblyName)
            {
                return reference.Version;
            }
        }

        throw new InvalidOperationException($"{AssemblyPath} does not reference {KernelPackBuilder.SdkAssemblyName}");
    }

    /// <summary>
    /// Runs <c>dotnet <paramref name="arguments"/></c> in <see cref="ProjectDirectory"/> as the build did (same NuGet
    /// package folder, so the SDK packed for this pack is the one restored); returns the output, throws with it on failure.
    /// </summary>
    public Task<string> DotnetAsync(IReadOnlyList<string> arguments, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        DotnetCli.RunAsync(ProjectDirectory, arguments, _environment, timeout ?? KernelPackBuilder.StepTimeout, cancellationToken);
}
