using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using GrainCompute.Client;

namespace GrainCompute.Console.Output;

/// <summary>How the console writes values: invariant culture, camelCase JSON, short result summaries.</summary>
internal static class Formats
{
    /// <summary>
    /// camelCase members and enums, indented, only the types of <see cref="ConsoleJsonContext"/>; text as it is (a "+"
    /// in a date, "×" in a demo result), not \u-escaped as for HTML: the reader is a terminal or jq.
    /// </summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = ConsoleJsonContext.Default,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter<JobState>(JsonNamingPolicy.CamelCase), new JsonStringEnumConverter<FutureState>(JsonNamingPolicy.CamelCase) },
        WriteIndented = true,
    };

    public static string Seconds(double seconds) => seconds.ToString(seconds < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);

    public static string Lower<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json.GetTypeInfo(typeof(T)));

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

    /// <summary>The plain progress line; scripts and CI logs read it, so its shape stays as it is.</summary>
    public static string Progress(JobStatus status) =>
        $"{status.Id} {Lower(status.State)}: {status.ItemsDone}/{status.Items} items, {status.ChunksDone}/{status.Chunks} chunks" +
        (status.ChunksRunning > 0 ? $", {status.ChunksRunning} running" : "") +
        (status.ChunksFailed > 0 ? $", {status.ChunksFailed} failed" : "");

    /// <summary>"12.3k items/s ETA 0:07"; "– items/s" before a rate is known.</summary>
    public static string RateAndRemaining(double? itemsPerSecond, TimeSpan? remaining) =>
        (itemsPerSecond is { } rate ? $"{Count(rate)} items/s" : "– items/s") + (remaining is { } left ? $" ETA {Duration(left)}" : "");

    /// <summary>3 significant digits with k, M, G: 950, 12.3k, 4.56M.</summary>
    public static string Count(double value)
    {
        var (scaled, suffix) = Math.Abs(value) switch
        {
            >= 1e9 => (value / 1e9, "G"),
            >= 1e6 => (value / 1e6, "M"),
            >= 1e3 => (value / 1e3, "k"),
            _ => (value, ""),
        };
        var format = Math.Abs(scaled) >= 100 ? "0" : Math.Abs(scaled) >= 10 ? "0.0" : "0.00";
        return scaled.ToString(format, CultureInfo.InvariantCulture) + suffix;
    }

    /// <summary>m:ss, or h:mm:ss from an hour on.</summary>
    public static string Duration(TimeSpan duration)
    {
        var seconds = (long)Math.Ceiling(Math.Max(0, duration.TotalSeconds));
        return seconds >= 3600
            ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600}:{seconds / 60 % 60:00}:{seconds % 60:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{seconds / 60}:{seconds % 60:00}");
    }
}
