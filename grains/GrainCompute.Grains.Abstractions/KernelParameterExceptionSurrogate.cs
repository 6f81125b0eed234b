using GrainCompute.Kernels;

namespace GrainCompute.Grains.Contracts;

/// <summary>
/// Carries <see cref="KernelParameterException"/> across silos: the kernel SDK stays free of Orleans, so the
/// exception cannot carry serializer attributes itself, and Orleans' generic exception codec would drop its field.
/// </summary>
[GenerateSerializer]
[Alias("gc.KernelParameterException")]
public readonly record struct KernelParameterExceptionSurrogate([property: Id(0)] string Field, [property: Id(1)] string Message);

[RegisterConverter]
public sealed class KernelParameterExceptionConverter : IConverter<KernelParameterException, KernelParameterExceptionSurrogate>
{
    public KernelParameterException ConvertFromSurrogate(in KernelParameterExceptionSurrogate surrogate) => new(surrogate.Field, surrogate.Message);

    public KernelParameterExceptionSurrogate ConvertToSurrogate(in KernelParameterException value) => new(value.Field, value.Message);
}
