using System.Text.Json;

namespace GrainCompute.Grains.Jobs;

/// <summary>How results become JSON: web defaults (camelCase), big integers as strings where kernels make them so.</summary>
internal static class ResultJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
