using System.Diagnostics.CodeAnalysis;

namespace GrainCompute.Kernels;

/// <summary>Kernels by name. <see cref="Default"/> holds every kernel in <see cref="KernelRegistrations"/>.</summary>
public sealed class KernelCatalog
{
    private readonly Dictionary<string, IKernel> _byName;

    public KernelCatalog(IEnumerable<IKernel> kernels)
    {
        _byName = new Dictionary<string, IKernel>(StringComparer.OrdinalIgnoreCase);
        foreach (var kernel in kernels)
        {
            if (!_byName.TryAdd(kernel.Name, kernel))
            {
                throw new ArgumentException($"two kernels are named '{kernel.Name}'", nameof(kernels));
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

    public bool TryGet(string name, [NotNullWhen(true)] out IKernel? kernel) => _byName.TryGetValue(name, out kernel);

    /// <summary>The kernel named <paramref name="name"/>; throws <see cref="KernelNotFoundException"/> otherwise.</summary>
    public IKernel Get(string name) =>
        _byName.TryGetValue(name, out var kernel) ? kernel : throw new KernelNotFoundException(name, Closest(name), Names);

    private List<string> Closest(string name)
    {
        // Suggest only near misses: a distance of up to a third of the name (at least 2) still reads as a typo.
        var limit = Math.Max(2, name.Length / 3);
        var best = int.MaxValue;
        var closest = new List<string>();
        foreach (var known in Names)
        {
            var distance = Levenshtein.Distance(name, known);
            if (distance > limit || distance > best)
            {
                continue;
            }

            if (distance < best)
            {
                best = distance;
                closest.Clear();
            }

            closest.Add(known);
        }

        return closest;
    }
}
