namespace GrainCompute.Kernels;

/// <summary>A kernel parameter is missing, malformed or out of range. <see cref="Field"/> names it.</summary>
[GenerateSerializer]
[Alias("gc.KernelParameterException")]
public sealed class KernelParameterException(string field, string message) : Exception(message)
{
    [Id(0)]
    public string Field { get; private set; } = field;
}
