using System.Globalization;

namespace GrainCompute.Bench.Cli;

/// <summary>
/// <c>--name value</c> pairs, read by the subcommand that knows which names it takes. Small on purpose:
/// every suite shares the same spelling (<c>--seconds</c>, <c>--out</c>) without a parsing library.
/// </summary>
internal sealed class BenchArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    private BenchArguments(string[] raw) => Raw = raw;

    /// <summary>The arguments as given, for the report's "command" line.</summary>
    public IReadOnlyList<string> Raw { get; }

    public static BenchArguments Parse(string[] args, IReadOnlyCollection<string> known)
    {
        var parsed = new BenchArguments(args);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (!known.Contains(name))
            {
                throw new UsageException($"unknown option '{name}'; known: {string.Join(", ", known)}.");
            }

            if (i + 1 >= args.Length)
            {
                throw new UsageException($"option '{name}' needs a value.");
            }

            parsed._values[name] = args[++i];
        }

        return parsed;
    }

    public double GetDouble(string name, double fallback, double min)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min)
        {
            throw new UsageException($"option '{name}' takes a number ≥ {min.ToString(CultureInfo.InvariantCulture)}, not '{text}'.");
        }

        return value;
    }

    public int GetInt32(string name, int fallback, int min)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min)
        {
            throw new UsageException($"option '{name}' takes a whole number ≥ {min}, not '{text}'.");
        }

        return value;
    }

    public string GetString(string name, string fallback) => _values.GetValueOrDefault(name, fallback);
}
