using Microsoft.Extensions.DependencyInjection;
using System.Reflection;

namespace GrainCompute.Runtime.Activation;

/// <summary>A grain implementation class and the concurrency rules its attributes declare.</summary>
internal sealed class GrainClass
{
    public GrainClass(Type implementation, Type grainInterface)
    {
        Implementation = implementation;
        Interface = grainInterface;
        Reentrant = implementation.IsDefined(typeof(ReentrantAttribute));
        StatelessWorker = implementation.GetCustomAttribute<StatelessWorkerAttribute>();
        SiloBound = implementation.IsDefined(typeof(SiloBoundAttribute));
        Factory = ActivatorUtilities.CreateFactory(implementation, Type.EmptyTypes);
    }

    /// <summary>Makes an instance with constructor arguments from the silo's services (compiled once per class).</summary>
    public ObjectFactory Factory { get; }

    public Type Implementation { get; }

    public Type Interface { get; }

    public bool Reentrant { get; }

    /// <summary>Set for <c>[StatelessWorker]</c> classes.</summary>
    public StatelessWorkerAttribute? StatelessWorker { get; }

    /// <summary>Set for <c>[SiloBound]</c> classes: the key names the silo.</summary>
    public bool SiloBound { get; }
}
