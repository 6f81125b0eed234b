using System.Globalization;

namespace GrainCompute.Mpi.Examples.Cli;

/// <summary>
/// The options after the example name: the example's own parameters plus <c>--json</c> and
/// <c>--fail-rank N [--fail-with exception|mpi-error|thread]</c> (rank N fails that way, to exercise the abort path). Parsed and range-checked before
/// MPI starts, identically on every rank, so a typo fails fast everywhere instead of in one rank.
/// </summary>
internal sealed class ExampleArguments
{
    private readonly Dictionary<string, string> _values;

    private static readonly string[] _failureKinds = ["exception", "mpi-error", "thread"];

    private ExampleArguments(Dictionary<string, string> values, bool json, int? failRank, string failWith)
    {
        FailWith = failWith;
        _values = values;
        Json = json;
        FailRank = failRank;
    }

    public bool Json { get; }

    public int? FailRank { get; }

    /// <summary>How <see cref="FailRank"/> fails: a thrown exception, an MPI error code, or an unhandled exception on another thread.</summary>
    public string FailWith { get; }

    public static ExampleArguments Parse(string example, IReadOnlyList<string> args, IReadOnlyList<ExampleParameter> declared)
    {
        var values = declared.ToDictionary(p => p.Name, p => p.Default, StringComparer.Ordinal);
        var json = false;
        int? failRank = null;
        var failWith = _failureKinds[0];
        for (var i = 0; i < args.Count; i++)
        {
            var option = args[i];
            if (option == "--json")
            {
                json = true;
                continue;
            }

            if (!option.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ExampleArgumentException($"{example}: expected '--name value', got '{option}'{Known(declared)}");
            }

            var name = option[2..];
            var value = args[++i];
            if (name == "fail-rank")
            {
                failRank = (int)ParseInteger(example, name, value, 0, int.MaxValue);
                continue;
            }

            if (name == "fail-with")
            {
                failWith = _failureKinds.Contains(value)
                    ? value
                    : throw new ExampleArgumentException($"{example}: --fail-with must be one of {string.Join(", ", _failureKinds)}, got '{value}'");
                continue;
            }

            var parameter = declared.FirstOrDefault(p => p.Name == name)
                ?? throw new ExampleArgumentException($"{example}: unknown option '--{name}'{Known(declared)}");
            values[name] = parameter.IsPath
                ? value
                : ParseInteger(example, name, value, parameter.Min, parameter.Max).ToString(CultureInfo.InvariantCulture);
        }

        return new ExampleArguments(values, json, failRank, failWith);
    }

    public long GetInt64(string name) => long.Parse(_values[name], NumberStyles.Integer, CultureInfo.InvariantCulture);

    public int GetInt32(string name) => checked((int)GetInt64(name));

    public string GetString(string name) => _values[name];

    private static long ParseInteger(string example, string name, string value, long min, long max)
    {
        // Accept 1e6-style values too: handy for sample counts.
        if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) || real != Math.Floor(real)
                || real < long.MinValue || real > long.MaxValue)
            {
                throw new ExampleArgumentException($"{example}: --{name} must be an integer, got '{value}'");
            }

            number = (long)real;
        }

        return number >= min && number <= max
            ? number
            : throw new ExampleArgumentException($"{example}: --{name} must be between {min} and {max}, got {number}");
    }

    private static string Known(IReadOnlyList<ExampleParameter> declared) =>
        $"; known: {string.Join(", ", declared.Select(p => "--" + p.Name).Append("--json").Append("--fail-rank").Append("--fail-with"))}";
}
