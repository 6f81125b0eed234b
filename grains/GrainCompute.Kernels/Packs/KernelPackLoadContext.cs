using System.Reflection;
using System.Runtime.Loader;

namespace GrainCompute.Kernels;

/// <summary>
/// One kernel pack's assemblies, isolated from the silo's and from other packs' (two packs may carry different
/// versions of one library), except the kernel SDK: a pack's kernels must be the silo's <see cref="IKernel"/>.
/// </summary>
internal sealed class KernelPackLoadContext(string packPath) : AssemblyLoadContext($"kernel pack {Path.GetFileName(packPath)}")
{
    private static readonly string SdkName = typeof(IKernel).Assembly.GetName().Name!;

    private readonly AssemblyDependencyResolver _resolver = new(packPath);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name == SdkName)
        {
            return null; // the silo's own copy, from the default context
        }

        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
