namespace GrainCompute.Grains;

/// <summary>Too many jobs are running (Compute:MaxConcurrentJobs); retry later. The message names the limit and its setting.</summary>
[GenerateSerializer]
[Alias("gc.ComputeLimitException")]
public sealed class ComputeLimitException(string message) : Exception(message);
