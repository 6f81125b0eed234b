using System.Reflection;

namespace GrainCompute.Runtime;

/// <summary>A grain call as filters see it.</summary>
public sealed class GrainCallContext
{
    internal GrainCallContext(GrainId grainId, GrainMethod method, object?[] arguments, Grain grain)
    {
        GrainMethod = method;
        GrainId = grainId;
        Interface = method.Interface;
        Method = method.Method;
        Arguments = arguments;
        Grain = grain;
    }

    public GrainId GrainId { get; }

    public Type Interface { get; }

    public MethodInfo Method { get; }

    public IReadOnlyList<object?> Arguments { get; }

    public Grain Grain { get; }

    internal GrainMethod GrainMethod { get; }

    internal object?[] ArgumentArray => (object?[])Arguments;

    /// <summary>The method's result once the innermost <c>next</c> has completed (null for Task/ValueTask methods).</summary>
    public object? Result { get; set; }
}
