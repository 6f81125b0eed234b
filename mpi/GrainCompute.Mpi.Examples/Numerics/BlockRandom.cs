namespace GrainCompute.Mpi.Examples.Numerics;

/// <summary>
/// xoshiro256** seeded by SplitMix64 from (seed, block) — the same streams as the grain kernels'
/// <c>BlockRandom</c> (internal there), so an MPI estimate equals the <c>montecarlo-pi</c>/<c>euler-e</c>
/// kernels' for the same seed and block size, and never depends on the number of ranks.
/// </summary>
internal struct BlockRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public BlockRandom(long seed, long block)
    {
        var mix = (ulong)seed ^ ((ulong)block * 0x9E3779B97F4A7C15ul) ^ 0xD1B54A32D192ED03ul;
        _s0 = SplitMix(ref mix);
        _s1 = SplitMix(ref mix);
        _s2 = SplitMix(ref mix);
        _s3 = SplitMix(ref mix);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1ul << 53));

    private ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15ul;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ul;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBul;
        return z ^ (z >> 31);
    }
}
