namespace GrainCompute.Samples.ThermalGas;

/// <summary>
/// Elastic reflection in [0, L] by folding: the walls mirror space into cells [kL, (k+1)L], so a coordinate that
/// moved to p (however far: several bounces in one step) lies at p mod 2L folded back into [0, L], and its
/// velocity component has flipped once per crossed wall, |k| times.
/// </summary>
internal static class Walls
{
    /// <summary>Folds <paramref name="position"/> into [0, L]; flips <paramref name="velocity"/> when it crossed an odd number of walls.</summary>
    /// <returns>The number of wall hits.</returns>
    public static long Fold(ref double position, ref double velocity, double side)
    {
        if (position >= 0 && position < side)
        {
            return 0; // the common case, without a division
        }

        var cell = Math.Floor(position / side);

        var period = 2 * side;
        var u = position - (period * Math.Floor(position / period));

        // u ∈ [0, 2L] even after rounding, so the result is in [0, L]; exactly L or 0 is a particle on the wall.
        position = u > side ? period - u : u;
        if (Math.Abs(cell % 2) == 1)
        {
            velocity = -velocity;
        }

        return (long)Math.Abs(cell);
    }
}
