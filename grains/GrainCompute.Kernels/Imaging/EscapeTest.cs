using System.Numerics;

namespace GrainCompute.Kernels;

/// <summary>
/// Decides Python's <c>abs(z) &lt; 3</c>, i.e. <c>hypot(x, y) &lt; 3</c>, exactly.
/// </summary>
/// <remarks>
/// <c>Math.Sqrt(x*x + y*y) &lt; 3</c> rounds twice and can disagree with a correctly rounded hypot when
/// x²+y² lies within an ulp or two of 9. A correctly rounded hypot is below 3 exactly when the true
/// √(x²+y²) is below the midpoint between 3 and its predecessor, 3 − 2⁻⁵² (the tie rounds to 3, whose
/// significand is even), i.e. when x²+y² &lt; (3 − 2⁻⁵²)². Far from 9 the rounded sum decides (its error
/// is ~1e-15); within 1e-9 of 9 we compare exactly in integers. This equals CPython's result wherever
/// the C library's hypot is correctly rounded (glibc's is, to our knowledge, on all inputs of interest),
/// and costs nothing measurable: the exact path essentially never runs.
/// </remarks>
internal static class EscapeTest
{
    private const double _band = 1e-9;

    public static bool IsInside(double x, double y)
    {
        var s = (x * x) + (y * y);
        if (s < 9.0 - _band)
        {
            return true;
        }

        return s <= 9.0 + _band && IsInsideExact(x, y);
    }

    /// <summary>x² + y² &lt; (3 − 2⁻⁵²)² in exact arithmetic, everything scaled by 2^2148 to integers.</summary>
    internal static bool IsInsideExact(double x, double y)
    {
        const int scale = 2148; // 2 × 1074: the smallest subnormal squared becomes 1.
        var sum = ScaledSquare(x, scale) + ScaledSquare(y, scale);
        var bound = BigInteger.Pow((new BigInteger(3) << 52) - 1, 2) << (scale - 104);
        return sum < bound;
    }

    private static BigInteger ScaledSquare(double value, int scale)
    {
        if (value == 0 || !double.IsFinite(value))
        {
            return double.IsFinite(value) ? BigInteger.Zero : BigInteger.One << (scale + 4096);
        }

        var bits = BitConverter.DoubleToInt64Bits(Math.Abs(value));
        var exponent = (int)(bits >> 52);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0)
        {
            exponent = 1;
        }
        else
        {
            mantissa |= 1L << 52;
        }

        // value = mantissa · 2^(exponent − 1075); value² · 2^scale = mantissa² · 2^(2·exponent − 2150 + scale).
        var shift = (2 * exponent) - 2150 + scale;
        return BigInteger.Pow(mantissa, 2) << shift;
    }
}
