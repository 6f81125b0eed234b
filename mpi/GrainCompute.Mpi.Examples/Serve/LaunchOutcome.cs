namespace GrainCompute.Mpi.Examples.Serve;

/// <summary>How an mpiexec process ended: exit code (meaningless when timed out), its lines, the wall time.</summary>
internal sealed record LaunchOutcome(int ExitCode, bool TimedOut, IReadOnlyList<OutputLine> Lines, TimeSpan Elapsed);
