namespace GrainCompute.Kernels;

/// <summary>A kernel parameter is missing, malformed or out of range. <see cref="Field"/> names it.</summary>
public sealed class KernelParameterException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
