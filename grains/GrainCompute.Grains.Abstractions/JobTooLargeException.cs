namespace GrainCompute.Grains;

/// <summary>The job has more items than Compute:MaxItems allows.</summary>
[GenerateSerializer]
[Alias("gc.JobTooLargeException")]
public sealed class JobTooLargeException(string message) : Exception(message);
