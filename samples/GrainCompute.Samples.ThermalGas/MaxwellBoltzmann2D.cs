namespace GrainCompute.Samples.ThermalGas;

/// <summary>
/// The 2-D Maxwell–Boltzmann speed distribution P(v) = (m/kT) v e^(−mv²/2kT): a Rayleigh distribution with
/// σ = √(kT/m), i.e. scipy's <c>chi(2, scale=σ)</c>. Its CDF 1 − e^(−v²/2σ²) inverts in closed form, so speeds are
/// sampled exactly from one uniform each.
/// </summary>
public sealed class MaxwellBoltzmann2D
{
    /// <param name="mass">Particle mass in kg.</param>
    /// <param name="temperature">Temperature in K.</param>
    public MaxwellBoltzmann2D(double mass, double temperature)
    {
        if (!(double.IsFinite(mass) && mass > 0) || !(double.IsFinite(temperature) && temperature > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(mass), $"mass ({mass} kg) and temperature ({temperature} K) must be positive and finite");
        }

        Mass = mass;
        Temperature = temperature;
        KT = PhysicalConstants.Boltzmann * temperature;
        MostProbableSpeed = Math.Sqrt(KT / mass);
    }

    /// <summary>Particle mass in kg.</summary>
    public double Mass { get; }

    /// <summary>Temperature in K.</summary>
    public double Temperature { get; }

    /// <summary>kT in J; the mean kinetic energy of a particle in 2-D (kT/2 per degree of freedom).</summary>
    public double KT { get; }

    /// <summary>The mode √(kT/m) in m/s (the Rayleigh σ).</summary>
    public double MostProbableSpeed { get; }

    /// <summary>The mean speed √(πkT/2m) in m/s.</summary>
    public double MeanSpeed => MostProbableSpeed * Math.Sqrt(Math.PI / 2);

    /// <summary>The root-mean-square speed √(2kT/m) in m/s.</summary>
    public double RmsSpeed => MostProbableSpeed * Math.Sqrt(2);

    /// <summary>Probability density at speed v (m/s), in s/m.</summary>
    public double Density(double speed)
    {
        if (speed < 0)
        {
            return 0;
        }

        var s2 = MostProbableSpeed * MostProbableSpeed;
        return speed / s2 * Math.Exp(-speed * speed / (2 * s2));
    }

    /// <summary>Probability that a speed is at most v.</summary>
    public double Cdf(double speed) =>
        speed <= 0 ? 0 : -double.ExpM1(-speed * speed / (2 * MostProbableSpeed * MostProbableSpeed));

    /// <summary>The speed whose CDF is u ∈ [0, 1): v = √(−2kT/m · ln(1−u)).</summary>
    public double Quantile(double u) => MostProbableSpeed * Math.Sqrt(-2 * Math.Log(1 - u));
}
