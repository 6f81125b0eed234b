using GrainCompute.Kernels;

namespace GrainCompute.Samples.ThermalGas;

/// <summary>
/// Folds the particle tracks, one at a time and in item order, into a <see cref="ThermalGasResult"/>: only the
/// speeds (8 B a particle) and the first trajectories are kept, so the reduction needs little beyond the payloads.
/// </summary>
internal static class GasReduction
{
    public static ThermalGasResult Reduce(ThermalGasParameters parameters, IReadOnlyList<byte[]> chunksInInputOrder)
    {
        var law = parameters.Distribution;
        var side = parameters.BoxSize;
        var keep = Math.Min(parameters.Trajectories, parameters.Particles);
        var speeds = new double[parameters.Particles];
        var trajectories = new List<Trajectory>(keep);
        double sumSpeed = 0, sumSpeedSquared = 0, sumVxSquared = 0, sumVySquared = 0, sumVx = 0, sumVy = 0;
        double impulsePerMass = 0, maxSpeedChange = 0;
        long outside = 0, hits = 0;
        var index = 0;
        foreach (var chunk in chunksInInputOrder)
        {
            foreach (var item in ItemCodec<byte[]>.Decode(chunk))
            {
                if (index >= speeds.Length)
                {
                    throw new InvalidOperationException($"the chunks hold more than the job's {speeds.Length} particles");
                }

                var track = ParticleTrack.Decode(item);
                var v0 = track.Speed;
                speeds[index] = v0;
                sumSpeed += v0;
                sumSpeedSquared += v0 * v0;
                sumVx += track.Vx(0);
                sumVy += track.Vy(0);
                sumVxSquared += track.Vx(0) * track.Vx(0);
                sumVySquared += track.Vy(0) * track.Vy(0);
                impulsePerMass += track.WallImpulsePerMass;
                hits += track.WallHits;
                for (var f = 0; f < track.FrameCount; f++)
                {
                    var change = Math.Abs(double.Hypot(track.Vx(f), track.Vy(f)) - v0);
                    maxSpeedChange = Math.Max(maxSpeedChange, v0 > 0 ? change / v0 : change);
                    double x = track.X(f), y = track.Y(f);
                    if (!(x >= 0 && x <= side && y >= 0 && y <= side))
                    {
                        outside++;
                    }
                }

                if (index < keep)
                {
                    trajectories.Add(TrajectoryOf(index, track));
                }

                index++;
            }
        }

        if (index != speeds.Length)
        {
            throw new InvalidOperationException($"the chunks hold {index} of the job's {speeds.Length} particles");
        }

        var n = (double)speeds.Length;
        var m = law.Mass;
        var kT = law.KT;
        var meanEnergy = 0.5 * m * sumSpeedSquared / n;
        var duration = parameters.Steps * parameters.ResolvedTimeStep;

        // 2-D pressure is force per unit length: the walls' momentum per time over the perimeter 4L; the ideal gas has PA = NkT.
        var pressure = m * impulsePerMass / (duration * 4 * side);
        var idealPressure = n * kT / (side * side);
        var checks = new GasChecks(
            meanEnergy,
            meanEnergy / kT,
            0.5 * m * sumVxSquared / n / (0.5 * kT),
            0.5 * m * sumVySquared / n / (0.5 * kT),
            sumSpeed / n,
            Math.Sqrt(sumSpeedSquared / n),
            sumVx / n,
            sumVy / n,
            maxSpeedChange,
            outside,
            hits,
            pressure,
            idealPressure,
            pressure / idealPressure);
        var setup = new GasSetup(
            parameters.Particles, parameters.Temperature, parameters.Mass, m, side, parameters.Steps, parameters.ResolvedTimeStep,
            parameters.RecordEvery, duration, parameters.Seed, kT, law.MostProbableSpeed, law.MeanSpeed, law.RmsSpeed);
        var histogram = SpeedHistogram.Measure(speeds, law, parameters.Bins, parameters.ResolvedMaxSpeed);
        return new ThermalGasResult(setup, checks, histogram, new GasTrajectories(FrameTimes(parameters), trajectories));
    }

    private static Trajectory TrajectoryOf(int index, ParticleTrack track)
    {
        var x = new double[track.FrameCount];
        var y = new double[track.FrameCount];
        for (var f = 0; f < x.Length; f++)
        {
            x[f] = track.X(f);
            y[f] = track.Y(f);
        }

        return new Trajectory(index, track.Speed, x, y);
    }

    private static double[] FrameTimes(ThermalGasParameters parameters)
    {
        var times = new double[parameters.Frames];
        var interval = parameters.RecordEvery * parameters.ResolvedTimeStep;
        for (var f = 0; f < times.Length; f++)
        {
            times[f] = f * interval;
        }

        return times;
    }
}
