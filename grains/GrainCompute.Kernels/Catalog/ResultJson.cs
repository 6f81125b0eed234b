using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GrainCompute.Kernels;

/// <summary>How results become JSON (job results, results pages, a future group's calls): web defaults (camelCase), big integers as their digits.</summary>
public static class ResultJson
{
    /// <remarks>NaN and infinities (a zero-variance correlation) are written "NaN", "Infinity": JSON has no number for them.</remarks>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new BigIntegerAsNumber() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>A big integer as its exact digits: System.Text.Json would write its properties (isPowerOfTwo, sign, …).</summary>
    private sealed class BigIntegerAsNumber : JsonConverter<BigInteger>
    {
        public override BigInteger Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            BigInteger.Parse(System.Text.Encoding.UTF8.GetString(reader.ValueSpan), System.Globalization.CultureInfo.InvariantCulture);

        public override void Write(Utf8JsonWriter writer, BigInteger value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.ToString(System.Globalization.CultureInfo.InvariantCulture), skipInputValidation: true);
    }
}
