namespace GrainCompute.Runtime;

/// <summary>
/// The identity of a grain: the grain interface's full name plus a key. Integer and Guid keys are kept in
/// their invariant string form, so one representation serves all three key kinds on the wire.
/// </summary>
public readonly record struct GrainId(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";

    /// <summary>A stable 64-bit hash (FNV-1a over both parts) used by placement; never string.GetHashCode, which is randomized per process.</summary>
    public ulong StableHash() => StableHashing.Fnv1a(Type, Key);
}
