using System.Text.Json;

namespace GrainCompute.Kernels;

/// <summary>
/// A compute kernel as the job grain sees it: untyped, so that one job grain serves every kernel.
/// Implement kernels by deriving from <see cref="Kernel{TParams, TItem}"/>, never this interface directly.
/// </summary>
/// <remarks>
/// A job over a kernel is a map over item indices 0..ItemCount-1. A chunk is a contiguous run of items;
/// a worker computes one chunk at a time and returns its item results as one encoded payload
/// ("batch, don't chat"). The job grain then reduces all item results to the job's result.
/// </remarks>
public interface IKernel
{
    /// <summary>Name used in the API and the console, lower-case with dashes ("montecarlo-pi").</summary>
    string Name { get; }

    string Description { get; }

    /// <summary>Parameter schema with defaults, for the catalog (GET /api/kernels, `graincompute kernels`).</summary>
    IReadOnlyList<KernelParameter> Parameters { get; }

    /// <summary>How item results combine into the job's result.</summary>
    ReductionKind Reduction { get; }

    /// <summary>
    /// Binds JSON parameters (null or missing members take the defaults) and validates them.
    /// Throws <see cref="KernelParameterException"/> naming the bad field.
    /// </summary>
    object BindParameters(JsonElement? parameters);

    long ItemCount(object parameters);

    /// <summary>A chunk size giving chunks of roughly 10–50 ms, so per-chunk overhead stays small.</summary>
    int SuggestChunkSize(object parameters);

    /// <summary>Computes items [start, start+count) and returns them encoded (see <see cref="ItemCodec{T}"/>).</summary>
    ValueTask<byte[]> RunChunkAsync(object parameters, long start, int count, CancellationToken cancellationToken);

    /// <summary>Decodes a chunk payload into item values (boxed), for results pages and streams.</summary>
    IReadOnlyList<object?> DecodeItems(byte[] payload);

    /// <summary>
    /// For <see cref="ReductionKind.All"/> and <see cref="ReductionKind.Any"/>: whether this chunk already
    /// decides the job (a factor was found), so the job grain cancels the rest.
    /// </summary>
    bool DecidesJob(byte[] payload);

    /// <summary>Combines all chunk payloads, in input order, into the job's final result (JSON-serializable).</summary>
    object? Reduce(object parameters, IReadOnlyList<byte[]> chunksInInputOrder);
}
