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

    /// <summary>"jobs[3].parameters.n" of a slice starting at <paramref name="offset"/> → "jobs[offset+3].parameters.n", the index in the caller's list.</summary>
    private static string Renumbered(string field, int offset)
    {
        var match = JobIndex().Match(field);
        return match.Success
            ? $"jobs[{(offset + int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture)}]{field[match.Length..]}"
            : field;
    }

    [GeneratedRegex(@"^jobs\[(\d+)\]")]
    private static partial Regex JobIndex();
}
