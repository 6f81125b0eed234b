using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using GrainCompute.Client.Transport;

namespace GrainCompute.Client;

/// <summary>Submitting many small jobs at once: one request per slice of up to <see cref="MaxJobsPerRequest"/> (POST /api/jobs/batch).</summary>
public sealed partial class ComputeClient
{
    /// <summary>Most jobs one request submits, waits on or streams (the server's limit too).</summary>
    internal const int MaxJobsPerRequest = 10_000;

    /// <summary>
    /// Submits one job of <paramref name="kernel"/> per entry of <paramref name="parameters"/>, like
    /// <c>[executor.submit(f, x) for x in xs]</c>, in slices of up to 10,000 jobs, one request each. Each entry is
    /// what <see cref="SubmitAsync(string, object?, SubmitOptions?, CancellationToken)"/> takes (null: the defaults);
    /// <paramref name="options"/> applies to every job, and its <see cref="SubmitOptions.Id"/>, when set, is a prefix:
    /// the jobs are "{Id}-0", "{Id}-1", … so that submitting the same list again finds them instead of making more.
    /// </summary>
    /// <returns>One future per entry, in order.</returns>
    /// <exception cref="ComputeApiException">
    /// A bad entry: its slice is refused whole (nothing of it submitted), and <see cref="ComputeApiException.Errors"/>
    /// names it by its index in <paramref name="parameters"/> ("jobs[12345].parameters.n"); earlier slices stay submitted.
    /// </exception>
    public Task<IReadOnlyList<ComputeFuture<JsonElement>>> SubmitManyAsync(string kernel, IEnumerable<object?> parameters, SubmitOptions? options = null, CancellationToken cancellationToken = default) =>
        SubmitManyAsync<JsonElement>(kernel, parameters, options, cancellationToken);

    /// <summary>Submits many jobs like <see cref="SubmitManyAsync(string, IEnumerable{object?}, SubmitOptions?, CancellationToken)"/>; their results are read as <typeparamref name="T"/>.</summary>
    /// <exception cref="ComputeApiException">A bad entry; see the untyped overload.</exception>
    public async Task<IReadOnlyList<ComputeFuture<T>>> SubmitManyAsync<T>(string kernel, IEnumerable<object?> parameters, SubmitOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kernel);
        ArgumentNullException.ThrowIfNull(parameters);
        if (options?.Grouped == true)
        {
            return await SubmitGroupsAsync<T>(kernel, parameters, options, cancellationToken).ConfigureAwait(false);
        }

        var futures = new List<ComputeFuture<T>>();
        var slice = new List<SubmitJobRequest>();
        foreach (var entry in parameters)
        {
            var id = options?.Id is { } prefix ? $"{prefix}-{(futures.Count + slice.Count).ToString(CultureInfo.InvariantCulture)}" : JobIds.New();
            slice.Add(new SubmitJobRequest(kernel, ParametersJson(entry), options?.ChunkSize, id, options?.Options));
            if (slice.Count == MaxJobsPerRequest)
            {
                await SubmitSliceAsync(slice, futures, cancellationToken).ConfigureAwait(false);
                slice = [];
            }
        }

        if (slice.Count > 0)
        {
            await SubmitSliceAsync(slice, futures, cancellationToken).ConfigureAwait(false);
        }

        return futures;
    }

    private async Task SubmitSliceAsync<T>(List<SubmitJobRequest> slice, List<ComputeFuture<T>> futures, CancellationToken cancellationToken)
    {
        var offset = futures.Count;
        IReadOnlyList<JobStatus> answer;
        try
        {
            answer = await Transport.SubmitBatchAsync(slice, cancellationToken).ConfigureAwait(false);
        }
        catch (ComputeApiException refused) when (offset > 0)
        {
            throw new ComputeApiException(
                refused.StatusCode,
                refused.Title,
                $"{refused.Detail ?? refused.Title} (in the slice of jobs {offset}..{offset + slice.Count - 1}; the {offset} jobs before it were submitted)",
                refused.Errors.ToDictionary(e => Renumbered(e.Key, offset), e => e.Value));
        }

        if (answer.Count != slice.Count)
        {
            throw new ComputeApiException(502, "Bad batch answer", $"{Gateway} answered {answer.Count} statuses for a batch of {slice.Count} jobs");
        }

        for (var i = 0; i < slice.Count; i++)
        {
            futures.Add(new ComputeFuture<T>(this, answer[i].Id, answer[i], submitted: true));
        }
    }

    /// <summary>
    /// Submits the calls as future groups of up to <see cref="MaxJobsPerRequest"/>, one job ("group:{kernel}") and
    /// one request each; with <see cref="SubmitOptions.Id"/> as a prefix, the groups are "{Id}-0", "{Id}-1", ….
    /// </summary>
    private async Task<IReadOnlyList<ComputeFuture<T>>> SubmitGroupsAsync<T>(string kernel, IEnumerable<object?> parameters, SubmitOptions options, CancellationToken cancellationToken)
    {
        var futures = new List<ComputeFuture<T>>();
        foreach (var calls in parameters.Chunk(MaxJobsPerRequest))
        {
            var offset = futures.Count;
            var id = options.Id is { } prefix ? $"{prefix}-{(offset / MaxJobsPerRequest).ToString(CultureInfo.InvariantCulture)}" : JobIds.New();
            JobStatus status;
            try
            {
                var request = new SubmitJobRequest(FutureGroupKernel + kernel, GroupParameters(calls), options.ChunkSize, id, options.Options);
                status = await Transport.SubmitAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (ComputeApiException refused)
            {
                // Named as a batch names its jobs: "members[3].n" of this group is "jobs[offset+3].parameters.n" of the caller's list.
                throw new ComputeApiException(
                    refused.StatusCode,
                    refused.Title,
                    offset == 0 ? refused.Detail : $"{refused.Detail ?? refused.Title} (in the group of calls {offset}..{offset + calls.Length - 1}; the {offset} calls before it were submitted)",
                    refused.Errors.ToDictionary(e => CallField(e.Key, offset), e => e.Value));
            }

            var group = new FutureGroup(new ComputeFuture<JsonElement>(this, status.Id, status, submitted: true), kernel, calls.Length);
            for (var call = 0; call < calls.Length; call++)
            {
                futures.Add(new ComputeFuture<T>(group, call, group.Pending(call, status)));
            }
        }

        return futures;
    }

    /// <summary>The server's name of a group: "group:" and the kernel its calls run.</summary>
    private const string FutureGroupKernel = "group:";

    /// <summary>{"members": [each call's parameters, …]}: what the group kernel binds.</summary>
    private static JsonElement GroupParameters(object?[] calls)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(calls.Length * 16);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("members");
            foreach (var call in calls)
            {
                if (ParametersJson(call) is { } json)
                {
                    json.WriteTo(writer);
                }
                else
                {
                    writer.WriteNullValue();
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return ClientJson.Parse(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>"jobs[3].parameters.n" of a slice starting at <paramref name="offset"/> → "jobs[offset+3].parameters.n", the index in the caller's list.</summary>
    private static string Renumbered(string field, int offset) => Reindexed(JobIndex(), field, offset, "");

    /// <summary>"members[3].n" of a group whose first call is the caller's <paramref name="offset"/> → "jobs[offset+3].parameters.n", named as a batch names it.</summary>
    private static string CallField(string field, int offset) => Reindexed(MemberIndex(), field, offset, ".parameters");

    /// <summary>The field with its leading index (matched by <paramref name="index"/>) made "jobs[offset+i]" and <paramref name="between"/>; others as they are.</summary>
    private static string Reindexed(Regex index, string field, int offset, string between)
    {
        var match = index.Match(field);
        return match.Success
            ? $"jobs[{(offset + int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture)}]{between}{field[match.Length..]}"
            : field;
    }

    [GeneratedRegex(@"^jobs\[(\d+)\]")]
    private static partial Regex JobIndex();

    [GeneratedRegex(@"^members\[(\d+)\]")]
    private static partial Regex MemberIndex();
}
