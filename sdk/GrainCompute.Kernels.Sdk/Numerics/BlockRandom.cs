namespace GrainCompute.Kernels;

/// <summary>
/// xoshiro256** seeded by SplitMix64 from (seed, stream): every block of a Monte Carlo kernel has its own
/// stream, so a result never depends on how items are split into chunks or which machine ran them.
/// </summary>
/// <remarks>
/// Public because the MPI examples (graincompute-mpi <c>pi</c>, <c>euler</c>) draw from these very streams:
/// sharing the one generator is what makes an MPI estimate equal the <c>montecarlo-pi</c>/<c>euler-e</c>
/// kernels' for the same seed and block size, for any number of ranks.
/// </remarks>
public struct BlockRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public BlockRandom(long seed, long stream)
    {
        var mix = (ulong)seed ^ ((ulong)stream * 0x9E3779B97F4A7C15ul) ^ 0xD1B54A32D192ED03ul;
        _s0 = SplitMix(ref mix);
        _s1 = SplitMix(ref mix);
        _s2 = SplitMix(ref mix);
        _s3 = SplitMix(ref mix);
    }

    public ulong NextUInt64()
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

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1ul << 53));

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15ul;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ul;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBul;
        return z ^ (z >> 31);
    }
}
