namespace GrainCompute.Grains;

/// <summary>One job to submit through <see cref="IComputeGateway"/>: the body of POST /api/jobs, with its parameters as JSON text.</summary>
/// <param name="Kernel">Kernel name.</param>
/// <param name="ParametersJson">A JSON object, or null for the defaults; a member may be <c>{"$future": "job-id"}</c>.</param>
/// <param name="ChunkSize">Items per chunk; null for automatic chunking.</param>
/// <param name="Id">The job id the client chose (idempotent submits); null makes one.</param>
/// <param name="Options">Error handling, timeouts and retention.</param>
[GenerateSerializer]
[Immutable]
[Alias("gc.JobRequest")]
public sealed record JobRequest(string? Kernel, string? ParametersJson, int? ChunkSize, string? Id, JobOptions? Options);
