using System.Diagnostics;

namespace GrainCompute.Grains.Telemetry;

/// <summary>The names a silo's OpenTelemetry SDK subscribes to for GrainCompute's own metrics and spans.</summary>
public static class ComputeTelemetry
{
    /// <summary>The meter of <c>graincompute.*</c> instruments (jobs, chunks, items).</summary>
    public const string MeterName = "GrainCompute";

    /// <summary>The activity source of the <c>chunk</c> spans, one per chunk run, on the silo that ran it.</summary>
    public const string ActivitySourceName = "GrainCompute";

    internal static readonly ActivitySource Source = new(ActivitySourceName);
}
