namespace GrainCompute.Mpi.Examples.Messages;

/// <summary>What rank 0 sends each rank in the <c>objects</c> example: a record holding a string and an array.</summary>
internal sealed record WorkOrder(int Rank, string Greeting, double[] Weights);
