namespace GrainCompute.Mpi;

/// <summary>The predefined reduction operations the bindings expose.</summary>
public enum MpiOp
{
    Sum,
    Max,
    Min,
}
