using System.Numerics;
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

    /// <summary>
    /// <see cref="RandInt"/> for the consecutive seeds <paramref name="firstSeed"/>, +1, … into
    /// <paramref name="destination"/>, <see cref="Vector{T}.Count"/> seeds at a time: one seed's state is a chain of
    /// ~400 dependent multiplies, so one seed per core idles most of the multiplier; the lanes fill it.
    /// </summary>
    public static void RandIntConsecutive(uint firstSeed, uint high, Span<uint> destination)
    {
        var width = Vector<uint>.Count;
        var done = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Span<uint> seeds = stackalloc uint[width];
            for (; done + width <= destination.Length; done += width)
            {
                for (var lane = 0; lane < width; lane++)
                {
                    seeds[lane] = firstSeed + (uint)(done + lane);
                }

                RandIntLanes(new Vector<uint>(seeds), high, destination.Slice(done, width));
            }
        }

        for (; done < destination.Length; done++)
        {
            destination[done] = RandInt(firstSeed + (uint)done, high);
        }
    }

    /// <summary>The first <c>Outputs</c> draws of each lane's generator; a lane that rejects them all takes the scalar path.</summary>
    [SkipLocalsInit]
    private static void RandIntLanes(Vector<uint> seeds, uint high, Span<uint> destination)
    {
        const int Outputs = 8;
        var rangeInclusive = new Vector<uint>(high - 1);
        var mask = new Vector<uint>(Mask(high - 1));
        Span<Vector<uint>> low = stackalloc Vector<uint>[Outputs + 1];
        var word = seeds;
        low[0] = word;
        for (var k = 1u; k <= Outputs; k++)
        {
            word = NextWord(word, k);
            low[(int)k] = word;
        }

        for (var k = (uint)Outputs + 1; k < _shift; k++)
        {
            word = NextWord(word, k);
        }

        var result = Vector<uint>.Zero;
        var pending = Vector<uint>.AllBitsSet;
        for (var i = 0; i < Outputs && pending != Vector<uint>.Zero; i++)
        {
            word = NextWord(word, (uint)(_shift + i));
            var value = Temper(Twist(low[i], low[i + 1], word)) & mask;
            var accepted = Vector.LessThanOrEqual(value, rangeInclusive) & pending;
            result = Vector.ConditionalSelect(accepted, value, result);
            pending &= ~accepted;
        }

        result.CopyTo(destination);
        for (var lane = 0; lane < Vector<uint>.Count; lane++)
        {
            if (pending[lane] != 0)
            {
                destination[lane] = RandInt(seeds[lane], high);
            }
        }
    }

    private static Vector<uint> NextWord(Vector<uint> previous, uint index) =>
        (new Vector<uint>(1812433253u) * (previous ^ Vector.ShiftRightLogical(previous, 30))) + new Vector<uint>(index);

    private static Vector<uint> Twist(Vector<uint> current, Vector<uint> next, Vector<uint> shifted)
    {
        var y = (current & new Vector<uint>(0x80000000u)) | (next & new Vector<uint>(0x7fffffffu));
        var odd = Vector<uint>.Zero - (y & Vector<uint>.One); // all ones where y is odd
        return shifted ^ Vector.ShiftRightLogical(y, 1) ^ (odd & new Vector<uint>(0x9908b0dfu));
    }

    private static Vector<uint> Temper(Vector<uint> y)
    {
        y ^= Vector.ShiftRightLogical(y, 11);
        y ^= Vector.ShiftLeft(y, 7) & new Vector<uint>(0x9d2c5680u);
        y ^= Vector.ShiftLeft(y, 15) & new Vector<uint>(0xefc60000u);
        return y ^ Vector.ShiftRightLogical(y, 18);
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
