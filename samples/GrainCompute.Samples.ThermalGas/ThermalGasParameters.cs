using GrainCompute.Kernels;

namespace GrainCompute.Samples.ThermalGas;

/// <summary>Parameters of the <c>thermal-gas</c> kernel; the defaults are seed 001's Exercise #1 (N₂ at 300 K, a 1 m box).</summary>
public sealed class ThermalGasParameters
{
    [KernelParameterDescription("Number of particles (items), 1..10^6.")]
    public int Particles { get; set; } = 1000;

    [KernelParameterDescription("Temperature in K, 10^-3..10^6.")]
    public double Temperature { get; set; } = 300;

    [KernelParameterDescription("Mass of one particle in u (unified atomic mass units), 10^-4..10^6; N₂ by default.")]
    public double Mass { get; set; } = 28.0134;

    [KernelParameterDescription("Side L of the square box in m, 10^-9..10^3.")]
    public double BoxSize { get; set; } = 1;

    [KernelParameterDescription("Time steps to run, 1..10^6.")]
    public int Steps { get; set; } = 100;

    [KernelParameterDescription("Time step in s; null: a particle at the most probable speed √(kT/m) crosses L/100 per step.")]
    public double? TimeStep { get; set; }

    [KernelParameterDescription("Record positions every this many steps (and at t = 0), 1..steps.")]
    public int RecordEvery { get; set; } = 1;

    [KernelParameterDescription("Trajectories in the result: those of particles 0..k-1 (at most particles), 0..1000.")]
    public int Trajectories { get; set; } = 100;

    [KernelParameterDescription("Speed histogram bins, 1..1000.")]
    public int Bins { get; set; } = 40;

    [KernelParameterDescription("Upper edge of the speed histogram in m/s; null: 4√(kT/m) (faster particles count as overflow).")]
    public double? MaxSpeed { get; set; }

    [KernelParameterDescription("Seed; particle i draws from its own stream (seed, i), so results do not depend on the chunking.")]
    public long Seed { get; set; } = 42;

    /// <summary>Positions recorded per particle: t = 0 and every <see cref="RecordEvery"/> steps.</summary>
    internal long Frames => ((long)Steps / RecordEvery) + 1;

    internal double MassKg => Mass * PhysicalConstants.AtomicMassUnit;

    internal MaxwellBoltzmann2D Distribution => new(MassKg, Temperature);

    internal double ResolvedTimeStep => TimeStep ?? BoxSize / (100 * Distribution.MostProbableSpeed);

    internal double ResolvedMaxSpeed => MaxSpeed ?? 4 * Distribution.MostProbableSpeed;
}
