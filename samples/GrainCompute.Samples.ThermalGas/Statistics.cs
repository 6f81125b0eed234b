namespace GrainCompute.Samples.ThermalGas;

/// <summary>
/// Goodness-of-fit tails: the χ² survival function (regularized upper incomplete gamma, series or continued
/// fraction as in Numerical Recipes §6.2) and Kolmogorov's asymptotic distribution with Stephens' correction (§14.3).
/// </summary>
internal static class Statistics
{
    private const int MaxIterations = 1000;
    private const double Epsilon = 1e-15;

    /// <summary>P(χ²_dof ≥ chiSquare).</summary>
    public static double ChiSquareSurvival(double chiSquare, int degreesOfFreedom) =>
        degreesOfFreedom <= 0 ? 1 : UpperGamma(degreesOfFreedom / 2.0, chiSquare / 2);

    /// <summary>P(D ≥ d) for the one-sample Kolmogorov–Smirnov statistic d of n points.</summary>
    public static double KolmogorovSurvival(double d, long n)
    {
        var root = Math.Sqrt(n);
        var lambda = (root + 0.12 + (0.11 / root)) * d;
        if (lambda < 1.18)
        {
            if (lambda < 0.1)
            {
                return 1;
            }

            // The theta-function form converges fast for small λ.
            var sum = 0.0;
            for (var k = 1; k <= 20; k++)
            {
                var odd = (2 * k) - 1;
                sum += Math.Exp(-odd * odd * Math.PI * Math.PI / (8 * lambda * lambda));
            }

            return Math.Clamp(1 - (Math.Sqrt(2 * Math.PI) / lambda * sum), 0, 1);
        }

        var tail = 0.0;
        for (var k = 1; k <= 100; k++)
        {
            var term = Math.Exp(-2.0 * k * k * lambda * lambda);
            tail += (k % 2 == 1 ? 2 : -2) * term;
            if (term < Epsilon * tail)
            {
                break;
            }
        }

        return Math.Clamp(tail, 0, 1);
    }

    private static double UpperGamma(double a, double x)
    {
        if (x <= 0)
        {
            return 1;
        }

        return x < a + 1 ? 1 - LowerSeries(a, x) : UpperContinuedFraction(a, x);
    }

    private static double LowerSeries(double a, double x)
    {
        var term = 1 / a;
        var sum = term;
        for (var n = 1; n < MaxIterations; n++)
        {
            term *= x / (a + n);
            sum += term;
            if (Math.Abs(term) < Math.Abs(sum) * Epsilon)
            {
                break;
            }
        }

        return sum * Math.Exp(-x + (a * Math.Log(x)) - LogGamma(a));
    }

    private static double UpperContinuedFraction(double a, double x)
    {
        // Modified Lentz evaluation of the continued fraction for Γ(a, x).
        const double tiny = 1e-300;
        var b = x + 1 - a;
        var c = 1 / tiny;
        var d = 1 / b;
        var h = d;
        for (var i = 1; i < MaxIterations; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = (an * d) + b;
            d = Math.Abs(d) < tiny ? tiny : d;
            c = b + (an / c);
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon)
            {
                break;
            }
        }

        return Math.Exp(-x + (a * Math.Log(x)) - LogGamma(a)) * h;
    }

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos, g = 7, n = 9; ~15 digits).</summary>
    private static double LogGamma(double x)
    {
        ReadOnlySpan<double> coefficients =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        if (x < 0.5)
        {
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        }

        x -= 1;
        var sum = coefficients[0];
        for (var i = 1; i < coefficients.Length; i++)
        {
            sum += coefficients[i] / (x + i);
        }

        var t = x + 7.5;
        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }
}
