using System.Text.Json;
using System.Text.Json.Nodes;
using GrainCompute.Client;

namespace GrainCompute.Console.Output;

/// <summary>
/// A job as the console writes it with --json: the API's status fields in their order, except that the result is a
/// JSON value, "result", where the API has escaped text, "resultJson". So `graincompute run isprime --json | jq
/// .result.isPrime` reads it. Commands add their own fields after these (run: seconds; jobs wait: satisfied).
/// </summary>
internal static class JobJson
{
    public const string ResultProperty = "result";

    /// <summary>The status with <paramref name="result"/> in place of resultJson.</summary>
    public static JsonObject Of(JobStatus status, JsonNode? result)
    {
        ArgumentNullException.ThrowIfNull(status);
        var node = JsonSerializer.SerializeToNode(status, Formats.Json.GetTypeInfo(typeof(JobStatus)))!.AsObject();
        var properties = node.ToList();
        node.Clear();
        foreach (var (name, value) in properties)
        {
            if (name == "resultJson")
            {
                node[ResultProperty] = result;
            }
            else
            {
                node[name] = value;
            }
        }

        return node;
    }

    /// <summary>The status with its result parsed: null while the job runs, when it failed, or when the kernel has no reduction.</summary>
    public static JsonObject Of(JobStatus status) => Of(status, Parse(status.ResultJson));

    /// <summary>
    /// Like <see cref="Of(JobStatus)"/>, and a completed job's result too large to travel in its status is read from the
    /// cluster (GET /api/jobs/{id}/result), so the JSON always carries the whole result.
    /// </summary>
    public static async Task<JsonObject> ReadAsync(ComputeClient client, JobStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(status);
        if (status is not { State: JobState.Completed, ResultTooLargeForStatus: true })
        {
            return Of(status);
        }

        var result = await client.GetJob(status.Id).ResultAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
        return Of(status, Parse(result.ValueKind == JsonValueKind.Undefined ? null : result.GetRawText()));
    }

    private static JsonNode? Parse(string? json) => json is null ? null : JsonNode.Parse(json);
}
