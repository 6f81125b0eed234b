namespace GrainCompute.Kernels;

/// <summary>Describes a kernel parameter for the catalog: meaning and valid range.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class KernelParameterDescriptionAttribute(string description) : Attribute
{
    public string Description { get; } = description;
}
