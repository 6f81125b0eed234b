using System.Text.Json;
using GrainCompute.Kernels;

namespace GrainCompute.Bench.Peers;

/// <summary>
/// Calls a kernel's code directly in this process, no grains and no HTTP: all items in order on one thread
/// (the reference), or the kernel's own chunks under <see cref="Parallel.For(int, int, Action{int})"/> (the local ideal).
/// </summary>
internal sealed class KernelInvoker
{
    private const int SerialChunk = 1 << 20;
    private readonly IKernel _kernel;
    private readonly object _parameters;

    public KernelInvoker(PeerWorkload workload)
    {
        Workload = workload;
        _kernel = KernelCatalog.Default.Get(workload.Kernel);
        _parameters = _kernel.BindParameters(JsonSerializer.SerializeToElement(workload.Parameters, JsonSerializerOptions.Web));
    }

    public PeerWorkload Workload { get; }

    public long ItemCount => _kernel.ItemCount(_parameters);

    public int SuggestedChunk => _kernel.SuggestChunkSize(_parameters);

    /// <summary>Every item in input order on the calling thread; returns the comparable result.</summary>
    public async Task<string?> RunSerialAsync(CancellationToken cancellationToken = default)
    {
        var payloads = new List<byte[]>();
        for (long start = 0; start < ItemCount; start += SerialChunk)
        {
            var count = (int)Math.Min(SerialChunk, ItemCount - start);
            payloads.Add(await _kernel.RunChunkAsync(_parameters, start, count, cancellationToken));
        }

        return Finish(payloads);
    }

    /// <summary>The kernel's suggested chunks, as GrainCompute would cut them, spread over the cores with Parallel.For.</summary>
    public string? RunParallelFor(CancellationToken cancellationToken = default)
    {
        var size = SuggestedChunk;
        var chunks = (int)((ItemCount + size - 1) / size);
        var payloads = new byte[chunks][];
        Parallel.For(0, chunks, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var start = (long)i * size;
            var count = (int)Math.Min(size, ItemCount - start);
            payloads[i] = _kernel.RunChunkAsync(_parameters, start, count, cancellationToken).AsTask().GetAwaiter().GetResult();
        });
        return Finish(payloads);
    }

    /// <summary>I/O-bound kernels: one chunk per item, all awaited at once (Task.WhenAll), as C# overlaps waits.</summary>
    public async Task<string?> RunWhenAllAsync(CancellationToken cancellationToken = default)
    {
        var payloads = await Task.WhenAll(Enumerable.Range(0, (int)ItemCount).Select(i => _kernel.RunChunkAsync(_parameters, i, 1, cancellationToken).AsTask()));
        return Finish(payloads);
    }

    /// <summary>One item of the kernel, for the futures workloads' per-call baseline.</summary>
    public ValueTask<byte[]> RunOneAsync(CancellationToken cancellationToken = default) => _kernel.RunChunkAsync(_parameters, 0, 1, cancellationToken);

    private string? Finish(IReadOnlyList<byte[]> payloads)
    {
        var reduced = _kernel.Reduce(_parameters, payloads);
        IReadOnlyList<long>? items = Workload.Id == "sumprimes"
            ? payloads.SelectMany(p => _kernel.DecodeItems(p)).Select(Convert.ToInt64).ToList()
            : null;
        return PeerResults.FromKernel(Workload, reduced, items);
    }
}
