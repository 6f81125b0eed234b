namespace GrainCompute.Service.Tests.Telemetry;

/// <summary>
/// Telemetry tests run after the others, one at a time: metric and activity listeners are process-wide, so every silo
/// host in the test process reports to every provider, and counts would include other tests' jobs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry (not in parallel)";
}
