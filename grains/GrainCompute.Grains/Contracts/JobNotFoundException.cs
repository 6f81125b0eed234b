namespace GrainCompute.Grains;

/// <summary>No job with this id was submitted (or its retention ended).</summary>
public sealed class JobNotFoundException(string message) : Exception(message);
