using System.Collections.Concurrent;
using System.Reflection;

namespace GrainCompute.Runtime;

/// <summary>
/// Grain interfaces and their methods, described once per process. Silos and clients resolve wire names
/// ("Namespace.IJobGrain.Cancel") back to methods here.
/// </summary>
internal static class GrainInterfaceRegistry
{
    private static readonly ConcurrentDictionary<MethodInfo, GrainMethod> ByMethod = new();
    private static readonly ConcurrentDictionary<string, GrainMethod> ByName = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Type> InterfacesByName = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<MethodInfo, GrainMethod>> Interfaces = new();

    public static GrainMethod Describe(MethodInfo method) =>
        ByMethod.TryGetValue(method, out var described) ? described : DescribeInterface(method.DeclaringType!)[method];

    public static bool TryResolve(string methodName, out GrainMethod method) => ByName.TryGetValue(methodName, out method!);

    public static bool TryResolveInterface(string typeName, out Type grainInterface) => InterfacesByName.TryGetValue(typeName, out grainInterface!);

    /// <summary>Registers a grain interface with all its methods (and those of inherited grain interfaces).</summary>
    public static IReadOnlyDictionary<MethodInfo, GrainMethod> DescribeInterface(Type grainInterface) =>
        Interfaces.TryGetValue(grainInterface, out var described) ? described : Interfaces.GetOrAdd(grainInterface, Describe);

    private static IReadOnlyDictionary<MethodInfo, GrainMethod> Describe(Type grainInterface)
    {
        if (!grainInterface.IsInterface || !typeof(IGrain).IsAssignableFrom(grainInterface))
        {
            throw new ArgumentException($"{grainInterface.FullName} is not a grain interface (an interface extending IGrain).", nameof(grainInterface));
        }

        InterfacesByName[grainInterface.FullName!] = grainInterface;
        var described = new Dictionary<MethodInfo, GrainMethod>();
        foreach (var declaring in grainInterface.GetInterfaces().Append(grainInterface))
        {
            if (declaring == typeof(IGrain) || !typeof(IGrain).IsAssignableFrom(declaring))
            {
                continue;
            }

            var methods = declaring.GetMethods();
            var overloaded = methods.GroupBy(m => m.Name).FirstOrDefault(g => g.Count() > 1);
            if (overloaded is not null)
            {
                throw new InvalidOperationException($"Grain interface {declaring.FullName} overloads {overloaded.Key}; grain methods are called by name, so give each a distinct name.");
            }

            foreach (var method in methods)
            {
                var grainMethod = ByMethod.GetOrAdd(method, m => GrainMethod.Create(declaring, m));
                ByName[grainMethod.Name] = grainMethod;
                described[method] = grainMethod;
            }
        }

        return described;
    }
}
