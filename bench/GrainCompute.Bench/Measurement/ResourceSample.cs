using System.Diagnostics;

namespace GrainCompute.Bench.Measurement;

/// <summary>
/// What the process had used at one moment: bytes allocated, CPU time and collections. The difference of two
/// samples, divided by the calls in between, gives the per-call cost that noisy wall-clock numbers hide.
/// </summary>
internal readonly record struct ResourceSample(long Timestamp, long AllocatedBytes, TimeSpan CpuTime, int Gen0, int Gen1, int Gen2)
{
    public static ResourceSample Take()
    {
        using var process = Process.GetCurrentProcess();
        return new(
            Stopwatch.GetTimestamp(),
            GC.GetTotalAllocatedBytes(precise: false),
            process.TotalProcessorTime,
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2));
    }

    /// <summary>Usage from <paramref name="earlier"/> to this sample.</summary>
    public ResourceUsage Since(ResourceSample earlier) => new(
        Stopwatch.GetElapsedTime(earlier.Timestamp, Timestamp),
        AllocatedBytes - earlier.AllocatedBytes,
        CpuTime - earlier.CpuTime,
        Gen0 - earlier.Gen0,
        Gen1 - earlier.Gen1,
        Gen2 - earlier.Gen2);
}

/// <summary>Resources used over a measured window.</summary>
internal readonly record struct ResourceUsage(TimeSpan Elapsed, long AllocatedBytes, TimeSpan CpuTime, int Gen0, int Gen1, int Gen2);
