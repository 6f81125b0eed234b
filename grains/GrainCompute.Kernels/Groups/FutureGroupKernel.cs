using System.Buffers;
using System.Text.Json;

namespace GrainCompute.Kernels;

/// <summary>
/// A future group: many small calls of one kernel as the items of one job ("group:noop" with parameters
/// <c>{"members": [{"n": 1}, …]}</c>), so that ten thousand one-item futures cost one job, a few dozen chunks and
/// one results stream instead of ten thousand jobs — what <c>executor.map(f, xs, chunksize=…)</c> does in Python.
/// Item i is call i's outcome as a JSON object: <c>{"result": …}</c> (the inner kernel's reduction),
/// <c>{"items": […]}</c> (a kernel whose result is its items) or <c>{"error": …, "errorType": …}</c>; one call
/// failing never fails the others.
/// </summary>
/// <remarks>
/// Every call runs whole inside one chunk, so a call must fit in one chunk of its own kernel: larger work is a job
/// of its own, whose chunks spread over the cluster. I/O-bound calls of a chunk run at once (their waits overlap);
/// CPU-bound ones one after the other (the chunks run in parallel). Resolved by <see cref="KernelCatalog"/> from
/// the prefixed name, so every silo that serves the inner kernel serves its groups.
/// </remarks>
public class FutureGroupKernel : IKernel
{
    public const string Prefix = "group:";

    /// <summary>Most calls in one group; clients send up to 10,000.</summary>
    public const int MaxMembers = 100_000;

    /// <summary>Calls per chunk when the submit does not say: enough chunks to spread, few enough to bury their cost.</summary>
    private const int MaxSuggestedChunk = 256;
    private const int SuggestedChunks = 64;

    protected FutureGroupKernel(IKernel inner)
    {
        Inner = inner;
    }

    /// <summary>The kernel each call runs.</summary>
    public IKernel Inner { get; }

    public string Name => Prefix + Inner.Name;

    public string Description => $"Many calls of {Inner.Name} as one job; item i is call i's result";

    public IReadOnlyList<KernelParameter> Parameters => [];

    public ReductionKind Reduction => ReductionKind.Custom;

    /// <summary>The group of <paramref name="inner"/>, I/O-bound when it is.</summary>
    public static FutureGroupKernel Of(IKernel inner) => inner is IIoBoundKernel ? new IoBound(inner) : new FutureGroupKernel(inner);

    /// <summary>The kernel a group name calls ("group:noop" → "noop"); the name itself when it is no group's.</summary>
    public static string InnerName(string name) =>
        name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? name[Prefix.Length..] : name;

    public object BindParameters(JsonElement? parameters)
    {
        if (parameters is not { ValueKind: JsonValueKind.Object } group || !group.TryGetProperty("members", out var members) || members.ValueKind != JsonValueKind.Array)
        {
            throw new KernelParameterException("members", $"a group's parameters are {{\"members\": [ {Inner.Name}'s parameters of each call, … ]}}");
        }

        var count = members.GetArrayLength();
        if (count is < 1 or > MaxMembers)
        {
            throw new KernelParameterException("members", $"a group holds 1..{MaxMembers} calls, not {count}");
        }

        var bound = new object[count];
        var i = 0;
        foreach (var member in members.EnumerateArray())
        {
            bound[i] = BindMember(i, member);
            i++;
        }

        return new Members(bound);
    }

    public long ItemCount(object parameters) => Cast(parameters).Bound.Length;

    public int SuggestChunkSize(object parameters) =>
        Math.Clamp((Cast(parameters).Bound.Length + SuggestedChunks - 1) / SuggestedChunks, 1, MaxSuggestedChunk);

    public async ValueTask<byte[]> RunChunkAsync(object parameters, long start, int count, CancellationToken cancellationToken)
    {
        var members = Cast(parameters).Bound;
        if (start < 0 || count < 0 || start > members.Length - count)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"chunk [{start}, {start + count}) is outside the {members.Length} calls of this group");
        }

        var payloads = new byte[count][];
        var failures = new Exception?[count];
        async Task RunAsync(int k)
        {
            try
            {
                payloads[k] = await Inner.RunChunkAsync(members[start + k], 0, checked((int)Inner.ItemCount(members[start + k])), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw; // the group was cancelled or timed out: the chunk ends, not this call alone
            }
            catch (Exception exception)
            {
                failures[k] = exception;
            }
        }

        if (this is IIoBoundKernel)
        {
            await Task.WhenAll(Enumerable.Range(0, count).Select(RunAsync)).ConfigureAwait(false);
        }
        else
        {
            for (var k = 0; k < count; k++)
            {
                await RunAsync(k).ConfigureAwait(false);
            }
        }

        return ItemCodec<string>.Encode(Outcomes(members, start, payloads, failures));
    }

    /// <summary>Each call's outcome as JSON, so results pages and streams carry it as an object, not as a string of JSON.</summary>
    public IReadOnlyList<object?> DecodeItems(byte[] payload) => [.. Outcomes(payload).Select(outcome => new RawJson(outcome))];

    public bool DecidesJob(byte[] payload) => false;

    /// <summary>How many calls there were and how many failed; the calls' own results are the items.</summary>
    public object? Reduce(object parameters, IReadOnlyList<byte[]> chunksInInputOrder)
    {
        var failed = 0;
        foreach (var chunk in chunksInInputOrder)
        {
            foreach (var outcome in ItemCodec<string>.Decode(chunk))
            {
                failed += outcome.StartsWith(ErrorStart, StringComparison.Ordinal) ? 1 : 0;
            }
        }

        return new GroupSummary(Cast(parameters).Bound.Length, failed);
    }

    private const string ErrorStart = "{\"error\":";

    /// <summary>
    /// Binds one call's parameters (null: the kernel's defaults) and checks that it fits one chunk of
    /// <paramref name="inner"/>. A bad field throws <see cref="KernelParameterException"/> naming it; a call too large
    /// names "parameters".
    /// </summary>
    public static object BindCall(IKernel inner, JsonElement? parameters) =>
        FitOneChunk(inner, inner.BindParameters(parameters is { ValueKind: JsonValueKind.Null } ? null : parameters), "parameters", "the call");

    /// <summary>
    /// <paramref name="bound"/>, when its items fit one chunk of <paramref name="inner"/>: items past one chunk would make
    /// the call a long, unsplittable run (and one huge buffer). Else a <see cref="KernelParameterException"/> on
    /// <paramref name="field"/> naming the call as <paramref name="subject"/>.
    /// </summary>
    private static object FitOneChunk(IKernel inner, object bound, string field, string subject)
    {
        var items = inner.ItemCount(bound);
        var chunk = inner.SuggestChunkSize(bound);
        return items <= chunk
            ? bound
            : throw new KernelParameterException(field, $"{subject} has {items} items, more than one chunk of {inner.Name} ({chunk}): submit it as a job of its own, whose chunks spread over the cluster");
    }

    /// <summary>The outcome JSON of each call of a chunk's payload, in order.</summary>
    public static IReadOnlyList<string> Outcomes(byte[] payload) => ItemCodec<string>.Decode(payload);

    private object BindMember(int index, JsonElement member)
    {
        object bound;
        try
        {
            bound = Inner.BindParameters(member.ValueKind == JsonValueKind.Null ? null : member);
        }
        catch (KernelParameterException exception)
        {
            throw new KernelParameterException($"members[{index}].{exception.Field}", exception.Message);
        }

        return FitOneChunk(Inner, bound, $"members[{index}]", $"call {index}");
    }

    /// <summary>Each call's outcome as JSON text, written with one writer for the whole chunk.</summary>
    private string[] Outcomes(object[] members, long start, byte[][] payloads, Exception?[] failures)
    {
        var outcomes = new string[payloads.Length];
        var buffer = new ArrayBufferWriter<byte>(256);
        using var writer = new Utf8JsonWriter(buffer);
        for (var k = 0; k < payloads.Length; k++)
        {
            var failure = failures[k];
            object? value = null;
            try
            {
                // A kernel whose result is its items gives them; the others their reduction of the call's one chunk.
                value = failure is not null ? null : Inner.Reduction == ReductionKind.None ? Inner.DecodeItems(payloads[k]) : Inner.Reduce(members[start + k], [payloads[k]]);
            }
            catch (Exception exception)
            {
                failure = exception;
            }

            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            writer.WriteStartObject();
            if (failure is not null)
            {
                writer.WriteString("error", failure.Message);
                writer.WriteString("errorType", failure.GetType().Name);
            }
            else
            {
                writer.WritePropertyName(Inner.Reduction == ReductionKind.None ? "items" : "result");
                JsonSerializer.Serialize(writer, value, ResultJson.Options);
            }

            writer.WriteEndObject();
            writer.Flush();
            outcomes[k] = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        }

        return outcomes;
    }

    private static Members Cast(object parameters) => parameters as Members
        ?? throw new ArgumentException($"a group expects its bound members, got {parameters?.GetType().Name ?? "null"}; call BindParameters first", nameof(parameters));

    private sealed record Members(object[] Bound);

    /// <summary>The group job's own result.</summary>
    private sealed record GroupSummary(int Calls, int Failed);

    private sealed class IoBound(IKernel inner) : FutureGroupKernel(inner), IIoBoundKernel;
}
