using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace GrainCompute.Kernels;

/// <summary>
/// Kernels by name. <see cref="Default"/> holds every kernel in <see cref="KernelRegistrations"/>. Each kernel also
/// has its future group, "group:" and its name (<see cref="FutureGroupKernel"/>), found here but not listed.
/// </summary>
public sealed class KernelCatalog
{
    private readonly Dictionary<string, IKernel> _byName;
    private readonly ConcurrentDictionary<string, IKernel> _groups = new(StringComparer.OrdinalIgnoreCase);

    public KernelCatalog(IEnumerable<IKernel> kernels)
    {
        _byName = new Dictionary<string, IKernel>(StringComparer.OrdinalIgnoreCase);
        foreach (var kernel in kernels)
        {
            if (!_byName.TryAdd(kernel.Name, kernel))
            {
#pragma warning disable CA2208 // the message names the kernels; a parameter name would only clutter it
                throw new ArgumentException($"two kernels are named '{kernel.Name}' ({_byName[kernel.Name].GetType().FullName} and {kernel.GetType().FullName})");
#pragma warning restore CA2208
            }
        }

        var names = _byName.Keys.ToList();
        names.Sort(StringComparer.Ordinal);
        Names = names;
        All = names.Select(n => _byName[n]).ToArray();
    }

    /// <summary>The catalog of all built-in kernels.</summary>
    public static KernelCatalog Default { get; } = new(KernelRegistrations.Create());

    /// <summary>Kernels sorted by name.</summary>
    public IReadOnlyList<IKernel> All { get; }

    public IReadOnlyList<string> Names { get; }

    public bool TryGet(string name, [NotNullWhen(true)] out IKernel? kernel)
    {
        var inner = FutureGroupKernel.InnerName(name);
        if (inner.Length == name.Length)
        {
            return _byName.TryGetValue(name, out kernel);
        }

        kernel = _byName.TryGetValue(inner, out var called) ? _groups.GetOrAdd(inner, _ => FutureGroupKernel.Of(called)) : null;
        return kernel is not null;
    }

    /// <summary>The kernel named <paramref name="name"/>; throws <see cref="KernelNotFoundException"/> otherwise.</summary>
    public IKernel Get(string name) =>
        TryGet(name, out var kernel) ? kernel : throw new KernelNotFoundException(name, KernelNotFoundException.Closest(FutureGroupKernel.InnerName(name), Names), Names);
}
