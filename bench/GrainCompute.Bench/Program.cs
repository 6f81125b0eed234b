using GrainCompute.Bench.Cli;
using GrainCompute.Bench.Cluster;
using GrainCompute.Bench.Peers;
using GrainCompute.Bench.Dashboard;
using GrainCompute.Bench.Runtime;
using GrainCompute.Bench.Soak;

namespace GrainCompute.Bench;

/// <summary>
/// <c>graincompute-bench &lt;command&gt; [options]</c>: one subcommand per benchmark suite, each in its own
/// class. Add a suite by writing an <see cref="IBenchCommand"/> and listing it in <see cref="Commands"/>.
/// </summary>
internal static class Program
{
    private static readonly IBenchCommand[] Commands =
    [
        new RuntimeCommand(),
        new ClusterCommand(),
        new PeersCommand(),
        new DashboardCommand(),
        new SoakCommand(),
    ];

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            PrintUsage();
            return args.Length == 0 ? 1 : 0;
        }

        var command = Commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            await Console.Error.WriteLineAsync($"graincompute-bench: unknown command '{args[0]}'; known: {string.Join(", ", Commands.Select(c => c.Name))}.");
            return 2;
        }

        try
        {
            return await command.RunAsync(args[1..], CancellationToken.None);
        }
        catch (UsageException usage)
        {
            await Console.Error.WriteLineAsync($"graincompute-bench {command.Name}: {usage.Message}");
            return 2;
        }
    }

    private static void PrintUsage()
    {
        Console.WriteLine("usage: graincompute-bench <command> [options]");
        Console.WriteLine();
        foreach (var command in Commands)
        {
            Console.WriteLine($"  {command.Usage}");
            Console.WriteLine($"      {command.Summary}");
        }
    }
}
