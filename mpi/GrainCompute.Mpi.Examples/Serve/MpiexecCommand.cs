using GrainCompute.Mpi.Examples.Cli;

namespace GrainCompute.Mpi.Examples.Serve;

/// <summary>
/// The mpiexec invocation for one run, on MPICH's Hydra (<c>mpiexec.mpich</c>). Why each flag: <c>-bind-to none</c>
/// because a .NET process runs several threads (GC, JIT, thread pool) that core binding would squeeze onto one
/// core; <c>-prepend-rank</c> prefixes every line with <c>[rank]</c> so output can be split by rank. Hydra places
/// more ranks than cores without being asked and runs as root without confirmation, so neither needs a flag.
/// </summary>
internal sealed record MpiexecCommand(string FileName, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>The launcher's name in Debian's <c>mpich</c> package (plain <c>mpiexec</c> is an alternatives link that may be Open MPI's).</summary>
    public const string DefaultLauncher = "mpiexec.mpich";

    public static readonly IReadOnlyDictionary<string, string> RankEnvironment = new Dictionary<string, string>
    {
        ["TERM"] = "dumb",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };

    public static MpiexecCommand Create(SidecarOptions options, string example, int ranks, IReadOnlyList<string> exampleArguments)
    {
        List<string> arguments =
        [
            "-n", ranks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-bind-to", "none", "-prepend-rank",
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
