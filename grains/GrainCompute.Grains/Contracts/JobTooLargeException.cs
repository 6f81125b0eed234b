namespace GrainCompute.Grains;

/// <summary>The job has more items than Compute:MaxItems allows.</summary>
public sealed class JobTooLargeException(string message) : Exception(message);
