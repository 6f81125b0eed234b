namespace GrainCompute.Runtime;

/// <summary>A silo's lifecycle: Joining → Active → ShuttingDown → Dead.</summary>
public enum SiloStatus
{
    Joining,
    Active,
    ShuttingDown,
    Dead,
}
