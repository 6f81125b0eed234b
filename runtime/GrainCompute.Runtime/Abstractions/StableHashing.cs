namespace GrainCompute.Runtime;

/// <summary>FNV-1a hashing that gives every process the same value, so silos agree on placement.</summary>
internal static class StableHashing
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static ulong Fnv1a(string first, string second)
    {
        var hash = Add(OffsetBasis, first);
        hash = (hash ^ '/') * Prime;
        return Add(hash, second);
    }

    /// <summary>Mixes two hashes with a finalizer so that nearby inputs spread (splitmix64's).</summary>
    public static ulong Mix(ulong a, ulong b)
    {
        var z = a ^ (b + 0x9E3779B97F4A7C15UL + (a << 6) + (a >> 2));
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong Add(ulong hash, string text)
    {
        foreach (var c in text)
        {
            hash = (hash ^ (byte)c) * Prime;
            hash = (hash ^ (byte)(c >> 8)) * Prime;
        }

        return hash;
    }
}
