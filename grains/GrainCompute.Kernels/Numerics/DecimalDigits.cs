using System.Numerics;

namespace GrainCompute.Kernels;

/// <summary>Decimal digit count of a positive BigInteger without formatting it.</summary>
internal static class DecimalDigits
{
    public static int Count(BigInteger value)
    {
        if (value.Sign <= 0)
        {
            return value.IsZero ? 1 : Count(-value);
        }

        // Log10 is right except within rounding of a power of ten; one exact comparison settles it.
        var digits = (int)Math.Floor(BigInteger.Log10(value)) + 1;
        var lower = BigInteger.Pow(10, digits - 1);
        if (value < lower)
        {
            return digits - 1;
        }

        return value >= lower * 10 ? digits + 1 : digits;
    }
}
