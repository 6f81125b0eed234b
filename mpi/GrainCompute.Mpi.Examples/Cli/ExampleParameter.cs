namespace GrainCompute.Mpi.Examples.Cli;

/// <summary>An option an example accepts (<c>--name value</c>); integers carry their inclusive range.</summary>
internal sealed record ExampleParameter(string Name, string Description, string Default, long Min = 0, long Max = long.MaxValue)
{
    /// <summary>A file path rather than an integer; the sidecar refuses these (it returns results, not files).</summary>
    public bool IsPath { get; init; }

    public static ExampleParameter Integer(string name, string description, long defaultValue, long min, long max) =>
        new(name, description, defaultValue.ToString(System.Globalization.CultureInfo.InvariantCulture), min, max);

    public static ExampleParameter Path(string name, string description) => new(name, description, "") { IsPath = true };
}
