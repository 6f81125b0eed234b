using System.Runtime.CompilerServices;

namespace GrainCompute.Kernels;

/// <summary>
/// numpy's legacy <c>np.random.seed(s); np.random.randint(0, high)</c>, bit for bit, without building a
/// whole MT19937 state.
/// </summary>
/// <remarks>
/// <c>RandomState.seed(int)</c> goes through <c>_legacy_seeding</c> → <c>mt19937_seed</c>, i.e. Matsumoto's
/// <c>init_genrand</c> (not <c>init_by_array</c>, which is only for array seeds). <c>randint(0, high)</c> with
/// high ≤ 2^32 draws 32-bit outputs, masks them to the next power of two minus one and rejects values
/// ≥ high (<c>buffered_bounded_masked_uint32</c>).
/// The i-th output after seeding (i &lt; 227) only needs state words i, i+1 and i+397, so we initialize
/// words lazily up to i+397 and twist only the words consumed: ~400 words per seed instead of 624 + a
/// full twist. Past 227 rejections (probability ~10^-97 for high = 10) we fall back to the full generator.
/// </remarks>
internal static class NumpyLegacyRandom
{
    private const int _stateLength = 624;
    private const int _shift = 397;

    [SkipLocalsInit]
    public static uint RandInt(uint seed, uint high)
    {
        var rangeInclusive = high - 1;
        var mask = Mask(rangeInclusive);
        Span<uint> state = stackalloc uint[_stateLength];
        state[0] = seed;
        var initialized = 1;
        for (var i = 0; i < _stateLength - _shift; i++)
        {
            while (initialized <= i + _shift)
            {
                var previous = state[initialized - 1];
                state[initialized] = (1812433253u * (previous ^ (previous >> 30))) + (uint)initialized;
                initialized++;
            }

            var value = Temper(Twist(state[i], state[i + 1], state[i + _shift])) & mask;
            if (value <= rangeInclusive)
            {
                return value;
            }
        }

        return RandIntSlow(seed, rangeInclusive, mask);
    }

    private static uint RandIntSlow(uint seed, uint rangeInclusive, uint mask)
    {
        var state = new uint[_stateLength];
        state[0] = seed;
        for (var i = 1; i < _stateLength; i++)
        {
            state[i] = (1812433253u * (state[i - 1] ^ (state[i - 1] >> 30))) + (uint)i;
        }

        while (true)
        {
            for (var i = 0; i < _stateLength; i++)
            {
                state[i] = Twist(state[i], state[(i + 1) % _stateLength], state[(i + _shift) % _stateLength]);
            }

            for (var i = 0; i < _stateLength; i++)
            {
                var value = Temper(state[i]) & mask;
                if (value <= rangeInclusive)
                {
                    return value;
                }
            }
        }
    }

    private static uint Twist(uint current, uint next, uint shifted)
    {
        var y = (current & 0x80000000u) | (next & 0x7fffffffu);
        return shifted ^ (y >> 1) ^ ((y & 1u) != 0 ? 0x9908b0dfu : 0u);
    }

    private static uint Temper(uint y)
    {
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        return y ^ (y >> 18);
    }

    private static uint Mask(uint max)
    {
        max |= max >> 1;
        max |= max >> 2;
        max |= max >> 4;
        max |= max >> 8;
        return max | (max >> 16);
    }
}
