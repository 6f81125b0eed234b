using GrainCompute.Kernels;

namespace MyKernels;

/// <summary>
/// The parameters of <see cref="DigitSumKernel"/>. JSON names are the camelCase property names ("n", "base");
/// an absent or null member takes the default below, and the catalog shows these defaults and descriptions.
/// </summary>
public sealed class DigitSumParameters
{
    [KernelParameterDescription("Item i is the digit sum of i + 1, for 1..n; 1 ≤ n ≤ 10^9.")]
    public long N { get; set; } = 1_000_000;

    [KernelParameterDescription("The base the numbers are written in; 2 ≤ base ≤ 36 (2 counts the one bits).")]
    public int Base { get; set; } = 10;
}
