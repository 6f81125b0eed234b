using System.Text.Json;
using System.Text.Json.Serialization;

namespace GrainCompute.Kernels;

/// <summary>
/// A value that is JSON text already, written as it is by <see cref="ResultJson.Options"/>: a future group's items
/// are their calls' outcomes as JSON, and parsing each one only to write it back out cost more than running it.
/// </summary>
[JsonConverter(typeof(Converter))]
public sealed record RawJson(string Json)
{
    private sealed class Converter : JsonConverter<RawJson>
    {
        public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            return new RawJson(document.RootElement.GetRawText());
        }

        // The text was written by a Utf8JsonWriter (FutureGroupKernel), so it is valid JSON: not checked again.
        public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.Json, skipInputValidation: true);
    }
}
