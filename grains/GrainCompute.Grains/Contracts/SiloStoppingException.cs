namespace GrainCompute.Grains;

/// <summary>The silo is shutting down and takes no new chunks; the job runs the chunk on another silo, at no cost to its retries.</summary>
[GenerateSerializer]
[Alias("gc.SiloStoppingException")]
public sealed class SiloStoppingException(string message) : Exception(message);
