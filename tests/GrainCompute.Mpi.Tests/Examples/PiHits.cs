using GrainCompute.Kernels;
using GrainCompute.Mpi.Examples.Numerics;

namespace GrainCompute.Mpi.Tests.Examples;

/// <summary>The hit count a single process gets with the examples' block streams: the MPI runs must match it.</summary>
internal static class PiHits
{
    public static long Expected(long samples, long blockSize, long seed) =>
        SampleBlocks.SumOwned(samples, blockSize, rank: 0, size: 1, (block, size) =>
        {
            var random = new BlockRandom(seed, block);
            long hits = 0;
            for (long s = 0; s < size; s++)
            {
                var x = random.NextDouble();
                var y = random.NextDouble();
                hits += (x * x) + (y * y) <= 1.0 ? 1 : 0;
            }

            return hits;
        });
}
