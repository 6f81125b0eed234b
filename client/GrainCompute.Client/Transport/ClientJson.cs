using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace GrainCompute.Client.Transport;

/// <summary>The API's JSON: camelCase members, camelCase enum strings, futures as <c>{"$future": id}</c>.</summary>
internal static class ClientJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters =
        {
            new JsonStringEnumConverter<JobState>(JsonNamingPolicy.CamelCase),
            new JsonStringEnumConverter<FutureState>(JsonNamingPolicy.CamelCase),
            new JsonStringEnumConverter<ResultOrder>(JsonNamingPolicy.CamelCase),
            new JsonStringEnumConverter<ReturnWhen>(JsonNamingPolicy.CamelCase),
            new FutureArgumentConverter(),
        },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = Resolver(),
    };

    /// <summary>
    /// How <typeparamref name="T"/> reads and writes: generated code for the API's types, reflection for a caller's.
    /// Under Native AOT a caller's type not generated anywhere throws <see cref="NotSupportedException"/> here.
    /// </summary>
    public static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Reflection is added only where the runtime has it (the feature switch is off under Native AOT and trimming).")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Reflection is added only where the runtime has it (the feature switch is off under Native AOT).")]
    private static IJsonTypeInfoResolver Resolver() => JsonSerializer.IsReflectionEnabledByDefault
        ? JsonTypeInfoResolver.Combine(ClientJsonContext.Default, new DefaultJsonTypeInfoResolver())
        : ClientJsonContext.Default;
}
