using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using GrainCompute.Mpi.Examples.Cli;

namespace GrainCompute.Mpi.Examples.Examples;

/// <summary>
/// Runs one example on this rank: parse options (before MPI, so typos fail on every rank alike), init MPI,
/// start rank 0's stopwatch after a barrier (the seed's "stopwatch on rank 0"), run, report.
/// Any exception aborts the whole job with the message on stderr, so mpiexec never hangs on a dead rank.
/// </summary>
internal static class ExampleRunner
{
    // Relaxed escaping: the line is read by people as well as parsed (no HTML context to protect).
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static int Run(string name, IReadOnlyList<string> args)
    {
        var example = ExampleCatalog.Find(name);
        if (example is null)
        {
            Console.Error.WriteLine($"unknown example '{name}'; known: {string.Join(", ", ExampleCatalog.Names)}, serve");
            return 2;
        }

        ExampleArguments arguments;
        try
        {
            arguments = ExampleArguments.Parse(name, args, example.Parameters);
        }
        catch (ExampleArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }

        MpiEnvironment mpi;
        try
        {
            mpi = MpiEnvironment.Initialize();
        }
        catch (Exception ex) when (Unwrap(ex) is DllNotFoundException or EntryPointNotFoundException)
        {
            // MPI.NET's first P/Invoke may sit in a static constructor: report the cause, one line.
            Console.Error.WriteLine(Unwrap(ex).Message);
            return 3;
        }

        using (mpi)
        {
            try
            {
                return RunInitialized(example, new ExampleContext(mpi, arguments));
            }
            catch (Exception ex)
            {
                mpi.AbortOnException(ex);
                return 1; // Not reached: MPI_Abort ends the job.
            }
        }
    }

    private static int RunInitialized(IExample example, ExampleContext context)
    {
        var world = context.World;
        if (context.Arguments.FailRank == world.Rank)
        {
            InjectedFailure.Raise(context);
        }

        world.Barrier();
        var start = MpiEnvironment.Wtime();
        var outcome = example.Run(context);
        var seconds = MpiEnvironment.Wtime() - start;
        if (world.Rank == 0 && outcome is not null)
        {
            ExampleContext.Say(string.Create(
                CultureInfo.InvariantCulture, $"{example.Name}: {outcome.Summary} ({seconds:F3} s on {world.Size} ranks, rank 0's MPI_Wtime)"));
            if (context.Arguments.Json)
            {
                ExampleContext.Say(JsonSerializer.Serialize(
                    new ExampleReport(example.Name, outcome.Result, seconds, world.Size, outcome.Details), _json));
            }
        }

        return 0;
    }

    private static Exception Unwrap(Exception exception) =>
        exception is TypeInitializationException { InnerException: { } inner } ? Unwrap(inner) : exception;

    private sealed record ExampleReport(string Example, object? Result, double Seconds, int Ranks, IReadOnlyDictionary<string, object?> Details);
}
