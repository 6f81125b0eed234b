using GrainCompute.Mpi.Examples.Cli;

namespace GrainCompute.Mpi.Examples.Serve;

/// <summary>
/// The mpiexec invocation for one run. Why each flag: <c>--oversubscribe</c> allows more ranks than cores;
/// <c>--bind-to none</c> because a .NET process runs several threads (GC, JIT, thread pool) that core
/// binding would squeeze onto one core; <c>--tag-output</c> prefixes every line with <c>[job,rank]</c> so
/// output can be split by rank. The root-run variables let Open MPI start as root (containers, CI).
/// </summary>
internal sealed record MpiexecCommand(string FileName, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment)
{
    public static readonly IReadOnlyDictionary<string, string> RankEnvironment = new Dictionary<string, string>
    {
        ["OMPI_ALLOW_RUN_AS_ROOT"] = "1",
        ["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1",
        ["TERM"] = "dumb",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };

    public static MpiexecCommand Create(SidecarOptions options, string example, int ranks, IReadOnlyList<string> exampleArguments)
    {
        List<string> arguments =
        [
            "-n", ranks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--oversubscribe", "--bind-to", "none", "--tag-output",
            options.DotnetPath, options.ExamplesAssemblyPath, example, "--json",
        ];
        arguments.AddRange(exampleArguments);
        return new MpiexecCommand(options.MpiexecPath, arguments, RankEnvironment);
    }

    /// <summary>A shell-pastable rendering for logs and results.</summary>
    public override string ToString() =>
        string.Join(" ", RankEnvironment.Select(e => $"{e.Key}={e.Value}").Append(FileName).Concat(Arguments.Select(Quote)));

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or '=' or ':')
            ? argument
            : $"'{argument.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
