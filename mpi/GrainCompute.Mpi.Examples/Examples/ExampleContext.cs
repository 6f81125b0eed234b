using GrainCompute.Mpi.Examples.Cli;
using MPI;

namespace GrainCompute.Mpi.Examples.Examples;

/// <summary>What an example runs with: MPI, its world communicator and its parsed options.</summary>
internal sealed class ExampleContext(MpiEnvironment mpi, ExampleArguments arguments)
{
    public MpiEnvironment Mpi { get; } = mpi;

    public Intracommunicator World => Mpi.World;

    public ExampleArguments Arguments { get; } = arguments;

    public bool IsRoot => World.Rank == 0;

    /// <summary>A human-readable line from this rank; flushed at once so mpiexec interleaves whole lines.</summary>
    public static void Say(string line)
    {
        Console.Out.WriteLine(line);
        Console.Out.Flush();
    }
}
