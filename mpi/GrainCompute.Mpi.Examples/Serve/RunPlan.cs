using GrainCompute.Mpi.Examples.Examples;

namespace GrainCompute.Mpi.Examples.Serve;

/// <summary>A validated run: which example, how many ranks, its command-line options and its time limit.</summary>
internal sealed record RunPlan(IExample Example, int Ranks, IReadOnlyList<string> Arguments, TimeSpan Timeout);
