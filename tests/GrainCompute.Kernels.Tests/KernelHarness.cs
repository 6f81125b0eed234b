using System.Text.Json;

namespace GrainCompute.Kernels.Tests;

/// <summary>Runs kernels the way the job grain does: untyped, chunk by chunk, payloads reduced in input order.</summary>
internal static class KernelHarness
{
    public static IKernel Kernel(string name) => KernelCatalog.Default.Get(name);

    public static object Bind(IKernel kernel, string json)
    {
        using var document = JsonDocument.Parse(json);
        return kernel.BindParameters(document.RootElement.Clone());
    }

    /// <summary>All chunk payloads of a job, chunkSize items each (0 = the whole job in one chunk).</summary>
    public static async Task<List<byte[]>> RunAsync(IKernel kernel, object parameters, int chunkSize, CancellationToken cancellationToken = default)
    {
        var total = kernel.ItemCount(parameters);
        var size = chunkSize == 0 ? (int)total : chunkSize;
        var payloads = new List<byte[]>();
        for (long start = 0; start < total; start += size)
        {
            var count = (int)Math.Min(size, total - start);
            payloads.Add(await kernel.RunChunkAsync(parameters, start, count, cancellationToken));
        }

        return payloads;
    }

    public static async Task<object?> ReduceAsync(string name, string json, int chunkSize = 0)
    {
        var kernel = Kernel(name);
        var parameters = Bind(kernel, json);
        return kernel.Reduce(parameters, await RunAsync(kernel, parameters, chunkSize));
    }

    public static async Task<T[]> ItemsAsync<T>(string name, string json, int chunkSize = 0)
    {
        var kernel = Kernel(name);
        var parameters = Bind(kernel, json);
        var items = new List<T>();
        foreach (var payload in await RunAsync(kernel, parameters, chunkSize))
        {
            foreach (var item in kernel.DecodeItems(payload))
            {
                items.Add((T)item!);
            }
        }

        return [.. items];
    }

    /// <summary>Items of one chunk [start, start+count), decoded.</summary>
    public static async Task<T[]> ChunkAsync<T>(string name, string json, long start, int count)
    {
        var kernel = Kernel(name);
        var payload = await kernel.RunChunkAsync(Bind(kernel, json), start, count, CancellationToken.None);
        return [.. kernel.DecodeItems(payload).Select(item => (T)item!)];
    }
}
