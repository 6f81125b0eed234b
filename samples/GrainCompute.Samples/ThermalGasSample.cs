using System.Globalization;
using GrainCompute.Client;
using GrainCompute.Samples.ThermalGas;
using ScottPlot;

namespace GrainCompute.Samples;

/// <summary>
/// Seed 001, Exercise #1: a collisionless thermal gas of N₂ at 300 K in a 1 m box, from the <c>thermal-gas</c> kernel
/// pack. Two jobs run at once, as in the exercise: 100 particles' trajectories (part b) and the speeds of 100 000
/// (the warm-up histogram, 50 bins). Particle i draws from stream (seed, i) in both, so the 100 are the first of the 100 000.
/// </summary>
public static class ThermalGasSample
{
    /// <summary>Where the figure goes unless a path is given: this variable, else ./thermal-gas.png.</summary>
    public const string PathVariable = "GRAINCOMPUTE_THERMAL_GAS_PNG";

    public static Task RunAsync(ComputeClient client, TextWriter output) =>
        RunAsync(client, output, Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path ? path : "thermal-gas.png");

    public static async Task RunAsync(ComputeClient client, TextWriter output, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(output);
        var trajectories = await client.SubmitAsync<ThermalGasResult>("thermal-gas", new { particles = 100, steps = 100, trajectories = 100 });
        var speeds = await client.SubmitAsync<ThermalGasResult>("thermal-gas", new { particles = 100_000, steps = 1, trajectories = 0, bins = 50 });
        var gas = await trajectories.GetResultAsync();
        var ensemble = await speeds.GetResultAsync();

        var (setup, checks, histogram) = (gas.Setup, ensemble.Checks, ensemble.Histogram);
        await output.WriteLineAsync(Invariant(
            $"N₂ at {setup.Temperature} K: √(kT/m) = {setup.MostProbableSpeed:F1} m/s, dt = {setup.TimeStep * 1e6:F2} µs, {setup.Steps} steps"));
        await output.WriteLineAsync(Invariant(
            $"{ensemble.Setup.Particles} particles: ⟨½mv²⟩/kT = {checks.KineticEnergyOverKT:F4}, ⟨v⟩ = {checks.MeanSpeed:F1} m/s (M–B {ensemble.Setup.MeanSpeed:F1}), KS p = {histogram.KsPValue:F3}, χ² = {histogram.ChiSquare:F1}/{histogram.DegreesOfFreedom} (p = {histogram.ChiSquarePValue:F3})"));
        await output.WriteLineAsync(Invariant(
            $"{setup.Particles} trajectories: {gas.Checks.WallHits} wall hits, pressure / (NkT/L²) = {gas.Checks.PressureOverIdealGas:F3}, max |Δv|/v = {gas.Checks.MaxRelativeSpeedChange:E1}, outside the box: {gas.Checks.PositionsOutsideBox}"));

        var full = Path.GetFullPath(path);
        Render(gas, ensemble).SavePng(full, 1600, 760);
        await output.WriteLineAsync($"figure written to {full}");
    }

    private static Multiplot Render(ThermalGasResult gas, ThermalGasResult ensemble)
    {
        var figure = new Multiplot();
        figure.AddPlots(2);
        figure.Layout = new ScottPlot.MultiplotLayouts.Columns();
        DrawTrajectories(figure.GetPlot(0), gas);
        DrawSpeeds(figure.GetPlot(1), ensemble);
        var font = SansFont();
        foreach (var plot in figure.GetPlots())
        {
            plot.Font.Set(font);
        }

        return figure;
    }

    private static void DrawTrajectories(Plot plot, ThermalGasResult gas)
    {
        var side = gas.Setup.BoxSize;
        foreach (var particle in gas.Trajectories.Particles)
        {
            var line = plot.Add.ScatterLine(particle.X, particle.Y);
            line.LineWidth = 1.2f;
            line.Color = line.Color.WithAlpha(0.8);
            var start = plot.Add.Scatter(particle.X[0], particle.Y[0], line.Color);
            start.MarkerSize = 4;
        }

        var walls = plot.Add.Rectangle(0, side, 0, side);
        walls.FillStyle.Color = Colors.Transparent;
        walls.LineStyle.Width = 2;
        walls.LineStyle.Color = Colors.Black;

        plot.Title(Invariant($"{gas.Setup.Particles} N₂ molecules, {gas.Setup.Steps} steps of {gas.Setup.TimeStep * 1e6:F1} µs (dots: t = 0)"));
        plot.XLabel("x (m)");
        plot.YLabel("y (m)");
        plot.Axes.SetLimits(-0.02 * side, 1.02 * side, -0.02 * side, 1.02 * side);
        plot.Axes.SquareUnits();
    }

    private static void DrawSpeeds(Plot plot, ThermalGasResult ensemble)
    {
        var histogram = ensemble.Histogram;
        var bars = plot.Add.Bars(histogram.Centers, histogram.Density);
        foreach (var bar in bars.Bars)
        {
            bar.Size = histogram.BinWidth;
            bar.FillColor = Colors.SteelBlue.WithAlpha(0.55);
            bar.LineWidth = 0;
        }

        bars.LegendText = Invariant($"{ensemble.Setup.Particles:N0} particles ({histogram.Centers.Length} bins)");

        var law = new MaxwellBoltzmann2D(ensemble.Setup.MassKg, ensemble.Setup.Temperature);
        var top = histogram.Edges[^1];
        var vs = Enumerable.Range(0, 401).Select(i => top * i / 400).ToArray();
        var curve = plot.Add.ScatterLine(vs, [.. vs.Select(law.Density)], Colors.Crimson);
        curve.LineWidth = 2.5f;
        curve.LegendText = "2-D Maxwell–Boltzmann  P(v) = (m/kT) v exp(−mv²/2kT)";

        var mode = plot.Add.VerticalLine(law.MostProbableSpeed, 1, Colors.Gray, LinePattern.Dashed);
        mode.LegendText = Invariant($"√(kT/m) = {law.MostProbableSpeed:F0} m/s");

        plot.Title(Invariant(
            $"Speeds at {ensemble.Setup.Temperature} K: ⟨½mv²⟩/kT = {ensemble.Checks.KineticEnergyOverKT:F3}, KS p = {histogram.KsPValue:F2}"));
        plot.XLabel("speed v (m/s)");
        plot.YLabel("probability density (s/m)");
        plot.Axes.SetLimitsX(0, top);
        plot.Axes.SetLimitsY(0, 1.15 * Math.Max(histogram.Density.Max(), law.Density(law.MostProbableSpeed)));
        plot.ShowLegend(Alignment.UpperRight);
    }

    /// <summary>A sans-serif family that has ⟨⟩½²√ (ScottPlot's own pick on Linux is often a serif one).</summary>
    private static string SansFont() =>
        new[] { "DejaVu Sans", "Liberation Sans", "Arial" }.FirstOrDefault(family => Fonts.GetTypeface(family, false, false)?.FamilyName == family)
        ?? Fonts.Default;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
