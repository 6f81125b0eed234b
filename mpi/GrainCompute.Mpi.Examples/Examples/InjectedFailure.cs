namespace GrainCompute.Mpi.Examples.Examples;

/// <summary>
/// <c>--fail-rank N --fail-with …</c>: makes rank N fail in one of the ways a real rank can, so tests can
/// prove each ends the whole job with its message while the other ranks wait in a collective.
/// </summary>
internal static class InjectedFailure
{
    public static void Raise(ExampleContext context)
    {
        var rank = context.World.Rank;
        switch (context.Arguments.FailWith)
        {
            case "mpi-error":
                // No such rank: MPICH returns MPI_ERR_RANK (MPI.NET sets MPI_ERRORS_RETURN) and MPI.NET throws ArgumentException.
                context.World.Send(new[] { rank }, context.World.Size, 0);
                break;
            case "thread":
                // Nobody catches this: the AppDomain handler installed by MpiEnvironment must call MPI_Abort.
                var thread = new Thread(() => throw new InvalidOperationException($"injected failure on a worker thread of rank {rank} (--fail-with thread)"));
                thread.Start();
                thread.Join();
                break;
            default:
                throw new InvalidOperationException($"injected failure on rank {rank} (--fail-rank)");
        }
    }
}
