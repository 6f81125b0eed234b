using System.CommandLine;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GrainCompute.Console.Cli;

/// <summary>
/// --param name=value, repeated, into the job's parameters object. A value is JSON when it parses as JSON
/// (42, 1e6, true, [1,2]), an integer power when written a^b (10^6), and a string otherwise.
/// </summary>
internal static class ParameterArguments
{
    public static Option<string[]> CreateOption() => new("--param", "-p")
    {
        Description = "A kernel parameter, name=value (repeat for more); `graincompute kernels` lists them. Example: --param n=10^6",
        HelpName = "name=value",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public static JsonObject? Parse(IReadOnlyList<string>? pairs)
    {
        if (pairs is null || pairs.Count == 0)
        {
            return null;
        }

        var result = new JsonObject();
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new UsageException($"--param '{pair}' is not name=value (for example --param n=1000000)");
            }

            result[pair[..equals].Trim()] = Value(pair[(equals + 1)..].Trim());
        }

        return result;
    }

    internal static JsonNode? Value(string text)
    {
        var caret = text.IndexOf('^', StringComparison.Ordinal);
        if (caret > 0
            && long.TryParse(text[..caret], NumberStyles.Integer, CultureInfo.InvariantCulture, out var @base)
            && int.TryParse(text[(caret + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var exponent)
            && exponent is >= 0 and < 64)
        {
            var power = BigInteger.Pow(@base, exponent);
            return power <= long.MaxValue && power >= long.MinValue ? JsonValue.Create((long)power) : JsonValue.Create(text);
        }

        // 1e6 is JSON but kernels take integers: write it as one when it is whole.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && text.Contains('e', StringComparison.OrdinalIgnoreCase)
            && number == Math.Floor(number) && Math.Abs(number) < 9e15)
        {
            return JsonValue.Create((long)number);
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
