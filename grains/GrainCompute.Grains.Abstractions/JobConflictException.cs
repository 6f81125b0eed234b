namespace GrainCompute.Grains;

/// <summary>A job with this id exists with another kernel, parameters or options: a submit is idempotent only for the same job.</summary>
[GenerateSerializer]
[Alias("gc.JobConflictException")]
public sealed class JobConflictException(string message) : Exception(message);
