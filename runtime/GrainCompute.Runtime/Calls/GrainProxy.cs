using System.Reflection;
using GrainCompute.Runtime.Hosting;

namespace GrainCompute.Runtime.Calls;

/// <summary>
/// The typed grain reference callers hold: a <see cref="DispatchProxy"/> that turns each interface call into a
/// runtime call to (grain id, method). It knows nothing of where the grain lives.
/// </summary>
#pragma warning disable CA1852 // DispatchProxy derives a type from this class at run time, so it cannot be sealed.
internal class GrainProxy : DispatchProxy
#pragma warning restore CA1852
{
    private Silo? _silo;
    private GrainId _id;

    public static TGrain Create<TGrain>(Silo silo, GrainId id)
    {
        var proxy = Create<TGrain, GrainProxy>();
        var self = (GrainProxy)(object)proxy!;
        self._silo = silo;
        self._id = id;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var method = GrainInterfaceRegistry.Describe(targetMethod!);
        return method.AdaptReturn(_silo!.InvokeAsync(_id, method, args ?? []));
    }

    public override string ToString() => _id.ToString();
}
