namespace GrainCompute.Grains;

/// <summary>No job with this id was submitted (or its retention ended).</summary>
[GenerateSerializer]
[Alias("gc.JobNotFoundException")]
public sealed class JobNotFoundException(string message) : Exception(message);
