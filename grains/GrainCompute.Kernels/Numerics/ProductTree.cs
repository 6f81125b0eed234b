using System.Numerics;

namespace GrainCompute.Kernels;

/// <summary>Products by balanced splitting, so operands of each multiplication have similar sizes.</summary>
internal static class ProductTree
{
    /// <summary>low · (low+1) · … · high; 1 when the range is empty.</summary>
    public static BigInteger OfRange(long low, long high)
    {
        if (high < low)
        {
            return BigInteger.One;
        }

        if (high - low < 16)
        {
            // Small ranges: multiply in 64 bits while it fits, then once into the big number.
            var product = BigInteger.One;
            ulong word = 1;
            for (var i = low; i <= high; i++)
            {
                if (word > ulong.MaxValue / (ulong)i)
                {
                    product *= word;
                    word = 1;
                }

                word *= (ulong)i;
            }

            return product * word;
        }

        var middle = low + ((high - low) / 2);
        return OfRange(low, middle) * OfRange(middle + 1, high);
    }

    /// <summary>The product of <paramref name="factors"/> by pairwise rounds; 1 when empty.</summary>
    public static BigInteger Of(List<BigInteger> factors)
    {
        if (factors.Count == 0)
        {
            return BigInteger.One;
        }

        while (factors.Count > 1)
        {
            var next = new List<BigInteger>((factors.Count + 1) / 2);
            for (var i = 0; i + 1 < factors.Count; i += 2)
            {
                next.Add(factors[i] * factors[i + 1]);
            }

            if (factors.Count % 2 == 1)
            {
                next.Add(factors[^1]);
            }

            factors = next;
        }

        return factors[0];
    }
}
