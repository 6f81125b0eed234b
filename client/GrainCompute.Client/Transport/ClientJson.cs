using System.Text.Json;
using System.Text.Json.Serialization;

namespace GrainCompute.Client.Transport;

/// <summary>The API's JSON: camelCase members, camelCase enum strings, futures as <c>{"$future": id}</c>.</summary>
internal static class ClientJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new FutureArgumentConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
