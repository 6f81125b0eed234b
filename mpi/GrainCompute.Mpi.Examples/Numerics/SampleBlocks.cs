namespace GrainCompute.Mpi.Examples.Numerics;

/// <summary>
/// Splits <c>samples</c> into fixed-size blocks dealt round-robin to ranks: block k always draws from
/// stream (seed, k), so the estimate is the same for 1 or 40 ranks and only the time changes.
/// </summary>
internal static class SampleBlocks
{
    public static long Count(long samples, long blockSize) => (samples + blockSize - 1) / blockSize;

    public static long SizeOf(long block, long samples, long blockSize) => Math.Min(blockSize, samples - (block * blockSize));

    /// <summary>Sums <paramref name="perBlock"/> over the blocks this rank owns (k ≡ rank mod size).</summary>
    public static long SumOwned(long samples, long blockSize, int rank, int size, Func<long, long, long> perBlock)
    {
        long total = 0;
        for (var block = (long)rank; block < Count(samples, blockSize); block += size)
        {
            total += perBlock(block, SizeOf(block, samples, blockSize));
        }

        return total;
    }
}
