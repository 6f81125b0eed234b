using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace GrainCompute.Client.Transport;

/// <summary>
/// Writes a future among a submit's parameters as <c>{"$future": "job-id"}</c>, the API's dependency marker: the
/// server waits for that job and substitutes its result (grains' FutureReferences). Futures are never read back.
/// </summary>
internal sealed class FutureArgumentConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeof(ComputeFuture).IsAssignableFrom(typeToConvert) || (typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(FutureOr<>));

    // Reached only for futures among a caller's parameters, which are written by reflection (ClientJson): not under
    // Native AOT, whose runtime has none — a FutureOr<T> of a value type would need code made there at run time.
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Only reached where reflection serialization runs, which has dynamic code.")]
    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        var converter = typeof(ComputeFuture).IsAssignableFrom(typeToConvert)
            ? typeof(FutureConverter<>).MakeGenericType(typeToConvert)
            : typeof(FutureOrConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]);
        return (JsonConverter)Activator.CreateInstance(converter)!;
    }

    private static void WriteReference(Utf8JsonWriter writer, ComputeFuture future)
    {
        if (future.Group is not null)
        {
            throw new ArgumentException($"future '{future.Id}' is one call of a future group, which no job can wait for: pass its value (await its result first), or submit it without SubmitOptions.Grouped");
        }

        writer.WriteStartObject();
        writer.WriteString("$future", future.Id);
        writer.WriteEndObject();
    }

    private sealed class FutureConverter<TFuture> : JsonConverter<TFuture>
        where TFuture : ComputeFuture
    {
        public override TFuture Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("a future is not read from JSON; ComputeClient.GetJob(id) makes one");

        public override void Write(Utf8JsonWriter writer, TFuture value, JsonSerializerOptions options) => WriteReference(writer, value);
    }

    private sealed class FutureOrConverter<T> : JsonConverter<FutureOr<T>>
    {
        public override FutureOr<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(JsonSerializer.Deserialize(ref reader, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)))!);

        public override void Write(Utf8JsonWriter writer, FutureOr<T> value, JsonSerializerOptions options)
        {
            if (value.Future is { } future)
            {
                WriteReference(writer, future);
            }
            else
            {
                JsonSerializer.Serialize(writer, value.Value!, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));
            }
        }
    }
}
