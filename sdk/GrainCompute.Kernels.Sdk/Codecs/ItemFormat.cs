namespace GrainCompute.Kernels;

internal enum ItemFormat
{
    Unsupported,
    Raw,
    Bytes,
    Utf8,
    BigInteger,
}
