using System.Text.Json;

namespace GrainCompute.Mpi.Examples.Serve;

/// <summary>
/// <c>POST /runs</c> as received: everything optional so that a missing field is answered with a problem
/// naming it, and parameter values as raw JSON so both <c>"1000000"</c> and <c>1000000</c> are accepted.
/// </summary>
internal sealed record RunRequestBody(string? Example, int? Ranks, Dictionary<string, JsonElement>? Parameters, int? TimeoutSeconds);
