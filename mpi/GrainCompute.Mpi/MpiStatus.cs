namespace GrainCompute.Mpi;

/// <summary>What a receive matched: the sender, the tag and how many elements arrived.</summary>
public readonly record struct MpiStatus(int Source, int Tag, int Count);
