using System.Globalization;
using System.Text.Json;

namespace GrainCompute.Bench.Peers;

/// <summary>
/// Every contender's result in one comparable text per workload (a sum, a count, "prime", the sum of the Julia
/// pixels), so the table can say whether they agree with native C#.
/// </summary>
internal static class PeerResults
{
    /// <summary>A kernel's reduced result (native C#, Parallel.For): long, int, double, byte[] pixels, or an object.</summary>
    public static string? FromKernel(PeerWorkload workload, object? reduced, IReadOnlyList<long>? items = null) => workload.Id switch
    {
        "sumprimes" when items is not null => string.Join(", ", items),
        "julia" or "julia-4x" when reduced is byte[] pixels => PixelSum(pixels),
        "isprime" => FromJson(workload, JsonSerializer.SerializeToElement(reduced, JsonSerializerOptions.Web)),
        "montecarlo-pi" when reduced is double pi => Pi(pi),
        _ => Convert.ToString(reduced, CultureInfo.InvariantCulture),
    };

    /// <summary>A result as JSON: the API's result (GrainCompute) or the Python scripts' "result".</summary>
    public static string? FromJson(PeerWorkload workload, JsonElement result) => workload.Id switch
    {
        "isprime" when result.ValueKind == JsonValueKind.Object => result.GetProperty("isPrime").GetBoolean() ? "prime" : "composite",
        "isprime" => result.ValueKind == JsonValueKind.True ? "prime" : "composite",
        "julia" or "julia-4x" when result.ValueKind == JsonValueKind.String => PixelSum(result.GetBytesFromBase64()),
        "sumprimes" when result.ValueKind == JsonValueKind.Array => string.Join(", ", result.EnumerateArray().Select(e => e.GetInt64())),
        "montecarlo-pi" when result.ValueKind == JsonValueKind.Number => Pi(result.GetDouble()),
        _ => result.ValueKind switch
        {
            JsonValueKind.Number => result.GetRawText(),
            JsonValueKind.String => result.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => result.GetRawText(),
        },
    };

    /// <summary>Whether <paramref name="result"/> agrees with the reference; π estimates from other generators agree within 0.01.</summary>
    public static bool Agrees(PeerWorkload workload, string? reference, string? result)
    {
        if (reference is null || result is null || workload.Kind is PeerWorkloadKind.Futures)
        {
            return true;
        }

        if (workload.Id == "montecarlo-pi")
        {
            return double.TryParse(result, NumberStyles.Float, CultureInfo.InvariantCulture, out var pi) && Math.Abs(pi - Math.PI) < 0.01;
        }

        return reference == result;
    }

    private static string Pi(double pi) => pi.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string PixelSum(byte[] pixels)
    {
        long sum = 0;
        foreach (var b in pixels)
        {
            sum += b;
        }

        return sum.ToString(CultureInfo.InvariantCulture);
    }
}
