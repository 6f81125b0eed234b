using System.Text.Json;
using GrainCompute.Kernels;

namespace MyKernels.Tests;

/// <summary>
/// Runs a kernel the way a silo does, through <see cref="IKernel"/>: binds the JSON parameters, computes the
/// chunks into encoded payloads, then reduces the payloads in input order (the job grain's part).
/// </summary>
internal static class KernelJob
{
    /// <summary>The job's result; <paramref name="chunkSize"/> null takes the kernel's own suggestion.</summary>
    public static async Task<object?> RunAsync(IKernel kernel, string parameters, int? chunkSize = null)
    {
        var (bound, chunks) = await RunChunksAsync(kernel, parameters, chunkSize);
        return kernel.Reduce(bound, chunks);
    }

    /// <summary>The items of every chunk, decoded, in input order (what a results page shows).</summary>
    public static async Task<IReadOnlyList<object?>> ItemsAsync(IKernel kernel, string parameters, int? chunkSize = null)
    {
        var (_, chunks) = await RunChunksAsync(kernel, parameters, chunkSize);
        return [.. chunks.SelectMany(kernel.DecodeItems)];
    }

    private static async Task<(object Bound, List<byte[]> Chunks)> RunChunksAsync(IKernel kernel, string parameters, int? chunkSize)
    {
        using var document = JsonDocument.Parse(parameters);
        var bound = kernel.BindParameters(document.RootElement.Clone());
        var count = kernel.ItemCount(bound);
        var size = chunkSize ?? kernel.SuggestChunkSize(bound);
        var chunks = new List<byte[]>();
        for (long start = 0; start < count; start += size)
        {
            chunks.Add(await kernel.RunChunkAsync(bound, start, (int)Math.Min(size, count - start), CancellationToken.None));
        }

        return (bound, chunks);
    }
}
