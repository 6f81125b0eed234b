namespace GrainCompute.Kernels;

/// <summary>How a kernel's item results combine into the job's result.</summary>
public enum ReductionKind
{
    /// <summary>No combined result: the items are the result (a plain map).</summary>
    None,
    Sum,
    Count,
    Max,
    /// <summary>True when every item is true; the first false item decides the job (short-circuit).</summary>
    All,
    /// <summary>True when any item is true; the first true item decides the job (short-circuit).</summary>
    Any,
    /// <summary>Items concatenated in input order (image lines, lists).</summary>
    Concat,
    /// <summary>Kernel-specific combination (a product tree, a ratio of sums).</summary>
    Custom,
}
