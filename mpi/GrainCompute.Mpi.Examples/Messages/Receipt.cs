namespace GrainCompute.Mpi.Examples.Messages;

/// <summary>A rank's answer to its <see cref="WorkOrder"/>: the greeting echoed and the weights summed.</summary>
internal sealed record Receipt(int Rank, string Echo, double Sum);
