using System.Globalization;

namespace GrainCompute.Bench.Reporting;

/// <summary>A target from the issue, reported against, never asserted: a shared 2-core machine is too noisy to fail a build on.</summary>
internal sealed record Goal(string Text, Func<double, bool> IsMet, bool OnLatency)
{
    public static Goal AtLeastCallsPerSecond(double callsPerSecond) =>
        new($"≥ {callsPerSecond.ToString("N0", CultureInfo.InvariantCulture)} calls/s", measured => measured >= callsPerSecond, OnLatency: false);

    public static Goal P50Below(double microseconds) =>
        new($"p50 < {microseconds.ToString("N0", CultureInfo.InvariantCulture)} µs", measured => measured < microseconds, OnLatency: true);

    /// <summary>A throughput loss, in percent of the baseline, below <paramref name="percent"/>.</summary>
    public static Goal LossBelow(double percent) =>
        new($"loss < {percent.ToString("0.#", CultureInfo.InvariantCulture)} %", measured => measured < percent, OnLatency: false);

    public static Goal AtLeastSpeedup(double ratio) =>
        new($"speedup ≥ {ratio.ToString("0.0#", CultureInfo.InvariantCulture)}×", measured => measured >= ratio, OnLatency: false);
}
