using System.Buffers;
using System.Text.Json;

namespace GrainCompute.Kernels;

/// <summary>
/// Base of every kernel: binds typed parameters from JSON, runs chunks into a typed span and encodes them
/// with <see cref="ItemCodec{T}"/>, and reduces decoded items generically by <see cref="Reduction"/>.
/// </summary>
/// <typeparam name="TParams">A sealed class with public settable properties; its defaults are the seeds' parameters.</typeparam>
/// <typeparam name="TItem">One item's result: int, long, ulong, double, bool, byte[], string or BigInteger.</typeparam>
/// <remarks>
/// CPU kernels override <see cref="RunChunk"/>, which runs synchronously on the caller's thread (the worker
/// decides where); I/O-bound kernels override <see cref="RunChunkAsync(TParams, long, Memory{TItem}, CancellationToken)"/>
/// so a delay does not hold a thread.
/// </remarks>
public abstract class Kernel<TParams, TItem> : IKernel
    where TParams : class, new()
{
    public abstract string Name { get; }

    public abstract string Description { get; }

    public abstract ReductionKind Reduction { get; }

    public IReadOnlyList<KernelParameter> Parameters => ParameterBinder<TParams>.Schema;

    /// <summary>Binds and validates; the typed twin of <see cref="IKernel.BindParameters"/>.</summary>
    public TParams Bind(JsonElement? parameters)
    {
        var bound = ParameterBinder<TParams>.Bind(parameters);
        Validate(bound);
        return bound;
    }

    /// <summary>Binds from a JSON text, for tests and tools.</summary>
    public TParams Bind(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Bind(document.RootElement.Clone());
    }

    public abstract long ItemCount(TParams parameters);

    /// <summary>Computes items [start, start + results.Length) of a CPU kernel into <paramref name="results"/>.</summary>
    public virtual void RunChunk(TParams parameters, long start, Span<TItem> results, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"kernel '{Name}' runs asynchronously; call RunChunkAsync");

    /// <summary>Computes items [start, start + results.Length); by default runs <see cref="RunChunk"/> inline.</summary>
    public virtual ValueTask RunChunkAsync(TParams parameters, long start, Memory<TItem> results, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        RunChunk(parameters, start, results.Span, cancellationToken);
        return ValueTask.CompletedTask;
    }

    /// <summary>Runs a chunk and returns its items, decoded; the typed path tests use.</summary>
    public async ValueTask<TItem[]> ComputeAsync(TParams parameters, long start, int count, CancellationToken cancellationToken = default)
    {
        CheckRange(parameters, start, count);
        var items = new TItem[count];
        await RunChunkAsync(parameters, start, items, cancellationToken).ConfigureAwait(false);
        return items;
    }

    public int SuggestChunkSize(TParams parameters)
    {
        // Aim at ~25 ms per chunk: long enough to bury per-chunk messaging, short enough to balance and cancel.
        const double targetNanoseconds = 25e6;
        var perItem = Math.Max(EstimateItemNanoseconds(parameters), 1e-3);
        var size = Math.Clamp(targetNanoseconds / perItem, 1, MaxChunkItems);
        return (int)Math.Max(1, Math.Min((long)size, ItemCount(parameters)));
    }

    /// <summary>Upper bound on items per chunk, so one payload stays a few MiB at most.</summary>
    protected virtual int MaxChunkItems => 1 << 20;

    /// <summary>Rough cost of one item in nanoseconds, for <see cref="SuggestChunkSize(TParams)"/>.</summary>
    protected abstract double EstimateItemNanoseconds(TParams parameters);

    /// <summary>Throws <see cref="KernelParameterException"/> for values out of range.</summary>
    protected virtual void Validate(TParams parameters)
    {
    }

    /// <summary>Reduces chunk payloads (input order) to the final result, then applies <see cref="Finish"/>.</summary>
    public virtual object? Reduce(TParams parameters, IReadOnlyList<byte[]> chunksInInputOrder)
    {
        var reduced = Reduction == ReductionKind.Custom
            ? ReduceCustom(parameters, chunksInInputOrder)
            : ItemReducer<TItem>.Reduce(Reduction, chunksInInputOrder, IsTrue);
        return Finish(parameters, reduced);
    }

    /// <summary>For <see cref="ReductionKind.Custom"/> kernels: combines the chunks.</summary>
    protected virtual object? ReduceCustom(TParams parameters, IReadOnlyList<byte[]> chunksInInputOrder) =>
        throw new NotSupportedException($"kernel '{Name}' declares a custom reduction but does not override ReduceCustom");

    /// <summary>Turns the reduced value into the job's result (hits → π estimate); identity by default.</summary>
    protected virtual object? Finish(TParams parameters, object? reduced) => reduced;

    /// <summary>What "true" means for All/Any/Count; a bool item by default, else a non-default value.</summary>
    protected virtual bool IsTrue(TItem item) => ItemReducer<TItem>.DefaultTruth(item);

    protected static KernelParameterException Invalid(string field, string message) => new(field, message);

    private void CheckRange(TParams parameters, long start, int count)
    {
        var total = ItemCount(parameters);
        if (start < 0 || count < 0 || start > total - count)
        {
            throw new ArgumentOutOfRangeException(
                nameof(start), $"chunk [{start}, {start + count}) is outside the items [0, {total}) of kernel '{Name}'");
        }
    }

    private TParams Cast(object parameters) => parameters as TParams
        ?? throw new ArgumentException(
            $"kernel '{Name}' expects {typeof(TParams).Name}, got {parameters?.GetType().Name ?? "null"}; call BindParameters first",
            nameof(parameters));

    object IKernel.BindParameters(JsonElement? parameters) => Bind(parameters);

    long IKernel.ItemCount(object parameters) => ItemCount(Cast(parameters));

    int IKernel.SuggestChunkSize(object parameters) => SuggestChunkSize(Cast(parameters));

    async ValueTask<byte[]> IKernel.RunChunkAsync(object parameters, long start, int count, CancellationToken cancellationToken)
    {
        var typed = Cast(parameters);
        CheckRange(typed, start, count);
        var buffer = ArrayPool<TItem>.Shared.Rent(Math.Max(count, 1));
        try
        {
            await RunChunkAsync(typed, start, buffer.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
            return ItemCodec<TItem>.Encode(buffer.AsSpan(0, count));
        }
        finally
        {
            ArrayPool<TItem>.Shared.Return(buffer, clearArray: ItemCodec<TItem>.HoldsReferences);
        }
    }

    IReadOnlyList<object?> IKernel.DecodeItems(byte[] payload)
    {
        var items = ItemCodec<TItem>.Decode(payload);
        var boxed = new object?[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            boxed[i] = items[i];
        }

        return boxed;
    }

    bool IKernel.DecidesJob(byte[] payload)
    {
        if (Reduction is not (ReductionKind.All or ReductionKind.Any))
        {
            return false;
        }

        var decisive = Reduction == ReductionKind.Any;
        foreach (var item in ItemCodec<TItem>.Decode(payload))
        {
            if (IsTrue(item) == decisive)
            {
                return true;
            }
        }

        return false;
    }

    object? IKernel.Reduce(object parameters, IReadOnlyList<byte[]> chunksInInputOrder) =>
        Reduce(Cast(parameters), chunksInInputOrder);
}
