namespace GrainCompute.Grains;

/// <summary>
/// A chunk reached a silo that does not serve its kernel at the version its job was admitted with (a silo not yet
/// asked what it serves): the job runs the chunk elsewhere, counting it as a lost run.
/// </summary>
[GenerateSerializer]
[Alias("gc.KernelUnavailableException")]
public sealed class KernelUnavailableException(string message) : Exception(message);
