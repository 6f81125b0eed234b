using GrainCompute.Mpi.Examples.Cli;

namespace GrainCompute.Mpi.Examples.Examples;

/// <summary>One of the seeds' message-passing programs, run on every rank of an mpiexec job.</summary>
internal interface IExample
{
    string Name { get; }

    string Description { get; }

    IReadOnlyList<ExampleParameter> Parameters { get; }

    /// <summary>Runs on every rank; rank 0 returns the outcome, the other ranks return null.</summary>
    ExampleOutcome? Run(ExampleContext context);
}
