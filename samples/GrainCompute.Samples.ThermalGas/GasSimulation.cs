using GrainCompute.Kernels;

namespace GrainCompute.Samples.ThermalGas;

/// <summary>
/// One particle of a collisionless gas: particles never meet, so each one's motion is its own item. Particle i
/// draws position, direction and speed from stream (seed, i), then moves in straight lines between elastic wall hits.
/// </summary>
internal static class GasSimulation
{
    public static byte[] Run(ThermalGasParameters parameters, long particle, CancellationToken cancellationToken)
    {
        var side = parameters.BoxSize;
        var dt = parameters.ResolvedTimeStep;
        var random = new BlockRandom(parameters.Seed, particle);
        var x = side * random.NextDouble();
        var y = side * random.NextDouble();
        var angle = 2 * Math.PI * random.NextDouble();
        var speed = parameters.Distribution.Quantile(random.NextDouble());
        var (sin, cos) = Math.SinCos(angle);
        var vx = speed * cos;
        var vy = speed * sin;

        var track = ParticleTrack.Begin((int)parameters.Frames);
        track.Frame(x, y, vx, vy);
        var impulse = 0.0;
        long hits = 0;
        var untilFrame = parameters.RecordEvery;
        for (var step = 1; step <= parameters.Steps; step++)
        {
            if ((step & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            // Each hit reverses one component: the wall takes 2m|v⊥|.
            x += vx * dt;
            var hitsX = Walls.Fold(ref x, ref vx, side);
            y += vy * dt;
            var hitsY = Walls.Fold(ref y, ref vy, side);
            if ((hitsX | hitsY) != 0)
            {
                hits += hitsX + hitsY;
                impulse += 2 * ((hitsX * Math.Abs(vx)) + (hitsY * Math.Abs(vy)));
            }

            if (--untilFrame == 0)
            {
                track.Frame(x, y, vx, vy);
                untilFrame = parameters.RecordEvery;
            }
        }

        return track.Finish(speed, impulse, hits);
    }
}
