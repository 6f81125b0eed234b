namespace GrainCompute.Grains;

/// <summary>One call to run through <see cref="IComputeGateway.Call"/>: the body of POST /api/calls, with its parameters as JSON text.</summary>
/// <param name="Kernel">Kernel name.</param>
/// <param name="ParametersJson">A JSON object, or null for the defaults.</param>
/// <param name="TimeoutSeconds">How long the kernel may run; null: as long as it takes.</param>
[GenerateSerializer]
[Immutable]
[Alias("gc.CallRequest")]
public sealed record CallRequest(string? Kernel, string? ParametersJson, double? TimeoutSeconds);
