using System.Globalization;
using System.Text.Json;
using GrainCompute.Client;

namespace GrainCompute.Console.Output;

/// <summary>How the console writes values: invariant culture, camelCase JSON, short result summaries.</summary>
internal static class Formats
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = true,
    };

    public static string Seconds(double seconds) => seconds.ToString(seconds < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);

    public static string Lower<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);

    /// <summary>The job's result, shortened to <paramref name="max"/> characters; large results are described, not printed.</summary>
    public static string Result(JobStatus status, int max = int.MaxValue)
    {
        if (status.State != JobState.Completed)
        {
            return status.Error ?? Lower(status.State);
        }

        if (status.ResultTooLargeForStatus || status.ResultJson is null)
        {
            return status.ResultTooLargeForStatus ? $"({status.Items} items; large result: GET /api/jobs/{status.Id}/result)" : "null";
        }

        var text = status.ResultJson;
        return text.Length <= max ? text : string.Concat(text.AsSpan(0, Math.Max(0, max - 1)), "…");
    }

    public static string Progress(JobStatus status) =>
        $"{status.Id} {Lower(status.State)}: {status.ItemsDone}/{status.Items} items, {status.ChunksDone}/{status.Chunks} chunks" +
        (status.ChunksRunning > 0 ? $", {status.ChunksRunning} running" : "") +
        (status.ChunksFailed > 0 ? $", {status.ChunksFailed} failed" : "");
}
