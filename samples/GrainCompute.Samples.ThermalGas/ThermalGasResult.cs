namespace GrainCompute.Samples.ThermalGas;

/// <summary>The <c>thermal-gas</c> job's result (SI units throughout).</summary>
/// <param name="Setup">The run as it was computed, defaults resolved, with the analytic speeds.</param>
/// <param name="Checks">What a physicist checks: energy, equipartition, pressure against the ideal gas law, walls.</param>
/// <param name="Histogram">The speeds against the 2-D Maxwell–Boltzmann distribution.</param>
/// <param name="Trajectories">Positions of the first particles at every recorded frame.</param>
public sealed record ThermalGasResult(GasSetup Setup, GasChecks Checks, SpeedHistogram Histogram, GasTrajectories Trajectories);

/// <param name="Particles">N.</param>
/// <param name="Temperature">T in K.</param>
/// <param name="Mass">m in u.</param>
/// <param name="MassKg">m in kg.</param>
/// <param name="BoxSize">L in m.</param>
/// <param name="Steps">Time steps run.</param>
/// <param name="TimeStep">dt in s.</param>
/// <param name="RecordEvery">Steps between recorded frames.</param>
/// <param name="Duration">Steps · dt in s.</param>
/// <param name="Seed">The seed of the particles' streams.</param>
/// <param name="ThermalEnergy">kT in J.</param>
/// <param name="MostProbableSpeed">√(kT/m) in m/s.</param>
/// <param name="MeanSpeed">√(πkT/2m) in m/s.</param>
/// <param name="RmsSpeed">√(2kT/m) in m/s.</param>
public sealed record GasSetup(
    int Particles,
    double Temperature,
    double Mass,
    double MassKg,
    double BoxSize,
    int Steps,
    double TimeStep,
    int RecordEvery,
    double Duration,
    long Seed,
    double ThermalEnergy,
    double MostProbableSpeed,
    double MeanSpeed,
    double RmsSpeed);

/// <param name="MeanKineticEnergy">⟨½mv²⟩ in J.</param>
/// <param name="KineticEnergyOverKT">⟨½mv²⟩ / kT; 1 in 2-D.</param>
/// <param name="EquipartitionX">⟨½mvx²⟩ / (½kT); 1.</param>
/// <param name="EquipartitionY">⟨½mvy²⟩ / (½kT); 1.</param>
/// <param name="MeanSpeed">⟨v⟩ in m/s.</param>
/// <param name="RmsSpeed">√⟨v²⟩ in m/s.</param>
/// <param name="MeanVelocityX">⟨vx⟩ at t = 0 in m/s; 0 within √(kT/m)/√N.</param>
/// <param name="MeanVelocityY">⟨vy⟩ at t = 0 in m/s.</param>
/// <param name="MaxRelativeSpeedChange">max over particles and frames of |‖v‖ − v₀| / v₀: energy conservation, ~10⁻¹⁶.</param>
/// <param name="PositionsOutsideBox">Recorded positions outside [0, L]²; 0.</param>
/// <param name="WallHits">Wall hits of all particles over the whole run.</param>
/// <param name="Pressure">Momentum given to the walls per time per wall length, in N/m (2-D pressure).</param>
/// <param name="IdealGasPressure">N kT / L² in N/m.</param>
/// <param name="PressureOverIdealGas">Pressure / IdealGasPressure; 1 within the noise of the wall hits; 0 when none happened.</param>
public sealed record GasChecks(
    double MeanKineticEnergy,
    double KineticEnergyOverKT,
    double EquipartitionX,
    double EquipartitionY,
    double MeanSpeed,
    double RmsSpeed,
    double MeanVelocityX,
    double MeanVelocityY,
    double MaxRelativeSpeedChange,
    long PositionsOutsideBox,
    long WallHits,
    double Pressure,
    double IdealGasPressure,
    double PressureOverIdealGas);

/// <param name="Times">Time of each frame in s.</param>
/// <param name="Particles">Trajectories of particles 0..k-1.</param>
public sealed record GasTrajectories(double[] Times, IReadOnlyList<Trajectory> Particles);

/// <param name="Index">The particle (item) index.</param>
/// <param name="Speed">Its speed in m/s.</param>
/// <param name="X">x in m at each frame.</param>
/// <param name="Y">y in m at each frame.</param>
public sealed record Trajectory(long Index, double Speed, double[] X, double[] Y);
