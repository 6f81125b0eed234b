namespace GrainCompute.Kernels;

/// <summary>How Monte Carlo kernels cut their samples into blocks (items); the last block takes the rest.</summary>
internal static class SampleBlocks
{
    public static long Count(long samples, int blockSize) => (samples + blockSize - 1) / blockSize;

    public static int SizeOf(long block, long samples, int blockSize) =>
        (int)Math.Min(blockSize, samples - (block * blockSize));

    public static long Total(IReadOnlyList<byte[]> chunks)
    {
        long total = 0;
        foreach (var chunk in chunks)
        {
            foreach (var value in ItemCodec<long>.Decode(chunk))
            {
                total = checked(total + value);
            }
        }

        return total;
    }

    public static void Validate(long samples, int blockSize)
    {
        if (samples is < 1 or > 1_000_000_000_000)
        {
            throw new KernelParameterException("samples", "samples must be ≥ 1 and ≤ 10^12");
        }

        if (blockSize is < 1 or > 1_000_000_000)
        {
            throw new KernelParameterException("blockSize", "blockSize must be ≥ 1 and ≤ 10^9");
        }
    }
}
