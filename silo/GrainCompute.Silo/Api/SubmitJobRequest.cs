using System.Text.Json;
using GrainCompute.Grains;

namespace GrainCompute.Server.Api;

/// <summary>POST /api/jobs body.</summary>
/// <param name="Kernel">Kernel name, as GET /api/kernels lists them.</param>
/// <param name="Parameters">Kernel parameters; absent members take the defaults. A member may be {"$future": "job-id"}.</param>
/// <param name="ChunkSize">Items per chunk; absent for automatic chunking.</param>
/// <param name="Id">Optional job id chosen by the client (submitting the same id twice is idempotent).</param>
/// <param name="Options">Error handling, timeouts and retention.</param>
public sealed record SubmitJobRequest(string? Kernel, JsonElement? Parameters, int? ChunkSize, string? Id, JobOptions? Options);

/// <summary>POST /api/jobs/{id}/wait body.</summary>
public sealed record WaitRequest(ReturnWhen ReturnWhen = ReturnWhen.AllCompleted, double TimeoutSeconds = 30);
