namespace GrainCompute.Mpi.Sidecar;

/// <summary>What one rank printed, split by mpiexec's <c>--tag-output</c>.</summary>
public sealed record MpiRankOutput(int Rank, IReadOnlyList<string> Stdout, IReadOnlyList<string> Stderr);
