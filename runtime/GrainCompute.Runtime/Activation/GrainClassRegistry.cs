namespace GrainCompute.Runtime.Activation;

/// <summary>Maps grain interfaces to the one class implementing each, found in the assemblies a silo is given.</summary>
internal sealed class GrainClassRegistry
{
    private readonly Dictionary<string, GrainClass> _byInterface = new(StringComparer.Ordinal);

    // Interfaces several classes implement (a shared base interface): addressable only through a more specific one.
    private readonly Dictionary<string, string> _ambiguous = new(StringComparer.Ordinal);

    public GrainClassRegistry(IEnumerable<Type> grainClasses)
    {
        foreach (var implementation in grainClasses)
        {
            if (implementation.IsAbstract || !typeof(Grain).IsAssignableFrom(implementation))
            {
                throw new ArgumentException($"{implementation.FullName} is not a concrete class deriving from Grain.", nameof(grainClasses));
            }

            foreach (var grainInterface in implementation.GetInterfaces().Where(i => typeof(IGrain).IsAssignableFrom(i) && !IsKeyMarker(i)))
            {
                GrainInterfaceRegistry.DescribeInterface(grainInterface);
                var name = grainInterface.FullName!;
                if (_byInterface.Remove(name, out var existing) && existing.Implementation != implementation)
                {
                    _ambiguous[name] = $"{existing.Implementation.FullName} and {implementation.FullName}";
                }

                if (!_ambiguous.ContainsKey(name))
                {
                    _byInterface[name] = new GrainClass(implementation, grainInterface);
                }
            }
        }
    }

    /// <summary>All grain classes deriving from <see cref="Grain"/> in the given assemblies.</summary>
    public static IEnumerable<Type> FindIn(IEnumerable<System.Reflection.Assembly> assemblies) =>
        assemblies.SelectMany(a => a.GetTypes()).Where(t => !t.IsAbstract && t.IsClass && typeof(Grain).IsAssignableFrom(t));

    public GrainClass Resolve(GrainId id)
    {
        if (_byInterface.TryGetValue(id.Type, out var grainClass))
        {
            return grainClass;
        }

        throw new InvalidOperationException(_ambiguous.TryGetValue(id.Type, out var classes)
            ? $"{id.Type} is implemented by {classes}; address the grain through an interface only one of them implements."
            : $"No grain class implements {id.Type} on this silo; register its assembly with the silo.");
    }

    public bool TryResolve(string grainInterface, out GrainClass grainClass) => _byInterface.TryGetValue(grainInterface, out grainClass!);

    private static bool IsKeyMarker(Type type) =>
        type == typeof(IGrain) || type == typeof(IGrainWithStringKey) || type == typeof(IGrainWithIntegerKey) || type == typeof(IGrainWithGuidKey);
}
