using GrainCompute.Kernels;

namespace GrainCompute.Samples.ThermalGas;

/// <summary>
/// Seed 001, Exercise #1: a collisionless thermal gas in a square 2-D box. Item i is particle i (random position,
/// random direction, a speed drawn exactly from the 2-D Maxwell–Boltzmann law) moving with elastic wall
/// reflections; the item is its <see cref="ParticleTrack"/>. The reduction bins the speeds against the law and
/// returns the first trajectories and the physical checks as a <see cref="ThermalGasResult"/>.
/// </summary>
public sealed class ThermalGasKernel : Kernel<ThermalGasParameters, byte[]>
{
    // Bounds that keep one job well under 1 GiB: recorded frames ship as 32 B each (≤ 128 MB of payloads),
    // the result's trajectories as JSON (~40 B per point), and the work itself stays within minutes of CPU.
    private const long MaxRecordedPoints = 4_000_000;
    private const long MaxResultPoints = 100_000;
    private const long MaxParticleSteps = 10_000_000_000;

    // CPU time on one core: ~4–5 ns a step (two folds, two multiply-adds), ~12 ns to record a frame, ~150 ns to
    // draw a particle. A frame's 32 B then cost ~2 ns/B more to ship and reduce, which keeps a chunk near 10 MB.
    private const double NanosecondsPerStep = 5;
    private const double NanosecondsPerFrame = 12 + (2 * 32);
    private const double NanosecondsPerParticle = 150;

    public override string Name => "thermal-gas";

    public override string Description => "Collisionless thermal gas in a 2-D box: trajectories and speeds against the 2-D Maxwell–Boltzmann law";

    public override ReductionKind Reduction => ReductionKind.Custom;

    public override long ItemCount(ThermalGasParameters parameters) => parameters.Particles;

    public override void RunChunk(ThermalGasParameters parameters, long start, Span<byte[]> results, CancellationToken cancellationToken)
    {
        for (var i = 0; i < results.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            results[i] = GasSimulation.Run(parameters, start + i, cancellationToken);
        }
    }

    protected override object? ReduceCustom(ThermalGasParameters parameters, IReadOnlyList<byte[]> chunksInInputOrder) =>
        GasReduction.Reduce(parameters, chunksInInputOrder);

    protected override double EstimateItemNanoseconds(ThermalGasParameters parameters) =>
        NanosecondsPerParticle + (NanosecondsPerStep * parameters.Steps) + (NanosecondsPerFrame * parameters.Frames);

    protected override void Validate(ThermalGasParameters parameters)
    {
        if (parameters.Particles is < 1 or > 1_000_000)
        {
            throw Invalid("particles", "particles must be ≥ 1 and ≤ 10^6");
        }

        Require("temperature", parameters.Temperature, 1e-3, 1e6, "10^-3 K", "10^6 K");
        Require("mass", parameters.Mass, 1e-4, 1e6, "10^-4 u", "10^6 u");
        Require("boxSize", parameters.BoxSize, 1e-9, 1e3, "10^-9 m", "10^3 m");
        if (parameters.Steps is < 1 or > 1_000_000)
        {
            throw Invalid("steps", "steps must be ≥ 1 and ≤ 10^6");
        }

        if (parameters.RecordEvery < 1 || parameters.RecordEvery > parameters.Steps)
        {
            throw Invalid("recordEvery", $"recordEvery must be ≥ 1 and ≤ steps ({parameters.Steps})");
        }

        if (parameters.TimeStep is { } dt)
        {
            // Beyond ~10^3 box crossings per step the fold loses digits and the "trajectory" is noise.
            var limit = 1e3 * parameters.BoxSize / parameters.Distribution.MostProbableSpeed;
            if (!double.IsFinite(dt) || dt <= 0 || dt > limit)
            {
                throw Invalid("timeStep", $"timeStep must be > 0 s and ≤ {limit:G3} s (10^3 box crossings at √(kT/m)); null picks L/100 at √(kT/m)");
            }
        }

        if (parameters.Trajectories is < 0 or > 1000)
        {
            throw Invalid("trajectories", "trajectories must be ≥ 0 and ≤ 1000");
        }

        if (parameters.Bins is < 1 or > 1000)
        {
            throw Invalid("bins", "bins must be ≥ 1 and ≤ 1000");
        }

        if (parameters.MaxSpeed is { } maxSpeed && (!double.IsFinite(maxSpeed) || maxSpeed <= 0))
        {
            throw Invalid("maxSpeed", "maxSpeed must be > 0 m/s; null picks 4√(kT/m)");
        }

        var frames = parameters.Frames;
        if (parameters.Particles * frames > MaxRecordedPoints)
        {
            throw Invalid("particles", $"particles × recorded frames must be ≤ 4·10^6, got {parameters.Particles} × {frames}; record fewer frames (recordEvery) or fewer particles");
        }

        if (Math.Min(parameters.Trajectories, parameters.Particles) * frames > MaxResultPoints)
        {
            throw Invalid("trajectories", $"trajectories × recorded frames must be ≤ 10^5, got {parameters.Trajectories} × {frames}; return fewer trajectories or raise recordEvery");
        }

        if ((long)parameters.Particles * parameters.Steps > MaxParticleSteps)
        {
            throw Invalid("steps", $"particles × steps must be ≤ 10^10, got {parameters.Particles} × {parameters.Steps}");
        }
    }

    private static void Require(string field, double value, double min, double max, string minText, string maxText)
    {
        if (!double.IsFinite(value) || value < min || value > max)
        {
            throw Invalid(field, $"{field} must be ≥ {minText} and ≤ {maxText}");
        }
    }
}
