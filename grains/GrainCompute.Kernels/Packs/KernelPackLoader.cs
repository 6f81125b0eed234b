using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace GrainCompute.Kernels;

/// <summary>A kernel from a pack, with the assembly it came from (for errors and the catalog).</summary>
public sealed record PackKernel(IKernel Kernel, string Pack);

/// <summary>
/// Loads kernel packs (<c>Compute:KernelPacks</c>): each assembly in its own <see cref="KernelPackLoadContext"/>, and
/// every public kernel type in it constructed once. Anything wrong stops the silo with one line that names the pack:
/// a silo that started without a kernel its operator configured would fail jobs later, far from the cause.
/// </summary>
public static class KernelPackLoader
{
    private static readonly AssemblyName Sdk = typeof(IKernel).Assembly.GetName();

    /// <param name="paths">Pack assemblies, or folders whose assemblies that reference the SDK are packs.</param>
    /// <param name="taken">Kernel names already served (the built-ins): a pack may not reuse one.</param>
    public static IReadOnlyList<PackKernel> Load(IEnumerable<string> paths, IEnumerable<string> taken)
    {
        var owners = taken.ToDictionary(name => name, _ => "a built-in kernel", StringComparer.OrdinalIgnoreCase);
        var loaded = new List<PackKernel>();
        foreach (var assembly in paths.SelectMany(PackAssemblies))
        {
            foreach (var kernel in KernelsIn(assembly))
            {
                if (owners.TryGetValue(kernel.Name, out var owner))
                {
                    throw Problem(assembly, $"kernel '{kernel.Name}' ({kernel.GetType().FullName}) clashes with {owner} of that name; rename one");
                }

                owners[kernel.Name] = $"'{kernel.Name}' in {assembly}";
                loaded.Add(new PackKernel(kernel, assembly));
            }
        }

        return loaded;
    }

    private static IEnumerable<string> PackAssemblies(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            var packs = Directory.GetFiles(full, "*.dll").Order(StringComparer.Ordinal)
                .Where(file => Path.GetFileNameWithoutExtension(file) != Sdk.Name && SdkReference(file) is not null).ToList();
            return packs.Count > 0 ? packs : throw Problem(full, $"the folder holds no assembly that references {Sdk.Name}");
        }

        if (!File.Exists(full))
        {
            throw Problem(full, "no such file or folder");
        }

        return SdkReference(full) is null ? throw Problem(full, $"not a kernel pack: it does not reference {Sdk.Name}") : [full];
    }

    private static IEnumerable<IKernel> KernelsIn(string path)
    {
        var built = SdkReference(path)!.Version!;
        var here = Sdk.Version!;
        if (built.Major != here.Major || built.Minor > here.Minor)
        {
            throw Problem(path, $"built against {Sdk.Name} {built}, which this silo ({here}) cannot run: rebuild it against {here.Major}.x up to {here.Major}.{here.Minor}");
        }

        Type[] types;
        try
        {
            types = new KernelPackLoadContext(path).LoadFromAssemblyPath(path).GetExportedTypes();
        }
        catch (Exception exception) when (exception is ReflectionTypeLoadException or FileLoadException or FileNotFoundException or BadImageFormatException)
        {
            var cause = (exception as ReflectionTypeLoadException)?.LoaderExceptions.FirstOrDefault(e => e is not null) ?? exception;
            throw Problem(path, $"cannot load its types: {cause.Message}", exception);
        }

        var kernelTypes = types.Where(t => typeof(IKernel).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false, ContainsGenericParameters: false }).ToList();
        if (kernelTypes.Count == 0)
        {
            throw Problem(path, "holds no public kernel type (a public class deriving from Kernel<TParams, TItem>)");
        }

        return kernelTypes.Select(type => Construct(path, type)).ToList();
    }

    private static IKernel Construct(string path, Type type)
    {
        try
        {
            var kernel = (IKernel)Activator.CreateInstance(type)!;
            return string.IsNullOrWhiteSpace(kernel.Name) ? throw Problem(path, $"kernel type {type.FullName} has an empty Name") : kernel;
        }
        catch (MissingMethodException exception)
        {
            throw Problem(path, $"kernel type {type.FullName} has no public parameterless constructor", exception);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is { } cause)
        {
            throw Problem(path, $"kernel type {type.FullName} failed to construct: {cause.GetType().Name}: {cause.Message}", cause);
        }
    }

    /// <summary>The assembly's reference to the SDK, read from its metadata without loading it; null when none or not .NET.</summary>
    private static AssemblyName? SdkReference(string path)
    {
        try
        {
            using var pe = new PEReader(File.OpenRead(path));
            if (!pe.HasMetadata)
            {
                return null;
            }

            var metadata = pe.GetMetadataReader();
            return metadata.AssemblyReferences.Select(handle => metadata.GetAssemblyReference(handle).GetAssemblyName())
                .FirstOrDefault(reference => reference.Name == Sdk.Name);
        }
        catch (BadImageFormatException)
        {
            return null;
        }
    }

    private static KernelPackException Problem(string path, string what, Exception? inner = null) =>
        new($"Compute:KernelPacks: {path}: {what.ReplaceLineEndings(" ")}", inner);
}
