namespace GrainCompute.Samples.ThermalGas;

/// <summary>SI constants: k is exact since the 2019 SI redefinition; u is CODATA 2022.</summary>
internal static class PhysicalConstants
{
    /// <summary>Boltzmann's constant in J/K (the exercise rounds it to 1.381·10⁻²³).</summary>
    public const double Boltzmann = 1.380649e-23;

    /// <summary>The unified atomic mass unit in kg.</summary>
    public const double AtomicMassUnit = 1.66053906892e-27;
}
