using Microsoft.Extensions.Logging;

namespace GrainCompute.Mpi.Examples.Serve;

/// <summary>The sidecar's log messages; event ids 7000–7099 belong to the MPI sidecar.</summary>
internal static partial class SidecarLog
{
    [LoggerMessage(7000, LogLevel.Information, "MPI sidecar listening on {Address}: mpiexec {Mpiexec}, max {MaxRanks} ranks, {MaxConcurrent} concurrent run(s), queue {Queue}, default timeout {DefaultTimeout}")]
    public static partial void Listening(ILogger logger, string address, string mpiexec, int maxRanks, int maxConcurrent, int queue, TimeSpan defaultTimeout);

    [LoggerMessage(7001, LogLevel.Information, "MPI run started: {Command}")]
    public static partial void RunStarted(ILogger logger, string command);

    [LoggerMessage(7002, LogLevel.Information, "MPI run of {Example} on {Ranks} ranks ended with exit code {ExitCode} after {Elapsed}")]
    public static partial void RunFinished(ILogger logger, string example, int ranks, int exitCode, TimeSpan elapsed);

    [LoggerMessage(7003, LogLevel.Warning, "MPI run of {Example} on {Ranks} ranks exceeded its {Timeout} limit; killed mpiexec and its ranks")]
    public static partial void RunTimedOut(ILogger logger, string example, int ranks, TimeSpan timeout);

    [LoggerMessage(7004, LogLevel.Warning, "MPI run of {Example} refused: {Running} running, queue of {Queue} full")]
    public static partial void RunRefusedBusy(ILogger logger, string example, int running, int queue);
}
