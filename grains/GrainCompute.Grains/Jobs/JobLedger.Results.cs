namespace GrainCompute.Grains.Jobs;

/// <summary>Reading a job's results: only saved chunks show, in input order or in the order they were saved.</summary>
internal sealed partial class JobLedger
{
    /// <summary>
    /// A page of results. Chunks whose results were let go (<see cref="ReleaseResults"/>) take theirs from
    /// <paramref name="readBack"/>, which holds at least those <see cref="InStoreOnly"/> named for the same page.
    /// </summary>
    public ResultsPage Page(ResultOrder order, long offset, int limit, IReadOnlyDictionary<int, byte[]>? readBack = null)
    {
        var (segments, next) = Segments(order, offset, limit);
        var items = new List<ResultItem>();
        foreach (var segment in segments)
        {
            AddItems(items, segment, readBack);
        }

        return new ResultsPage(items, next, next >= _items && IsJobFinishedOrPlanned());
    }

    /// <summary>The chunks of this page whose results are only in the store now: the grain reads them before asking for the page.</summary>
    public IReadOnlyList<int> InStoreOnly(ResultOrder order, long offset, int limit) =>
        [.. Segments(order, offset, limit).Segments.Where(s => s.Chunk.State == FutureState.Done && s.Chunk.Payload is null).Select(s => s.Chunk.Index)];

    /// <summary>Which items of which chunks make up the page, and the offset after it.</summary>
    private (List<Segment> Segments, long Next) Segments(ResultOrder order, long offset, int limit) =>
        order == ResultOrder.Input ? InInputOrder(offset, limit) : InCompletionOrder(offset, limit);

    private (List<Segment>, long) InInputOrder(long offset, int limit)
    {
        var segments = new List<Segment>();
        var next = offset;
        var taken = 0;
        var index = ChunkIndexOf(offset);
        while (index < _chunks.Count && taken < limit && _chunks[index].Saved)
        {
            var chunk = _chunks[index];
            var from = (int)(next - chunk.Start);
            var take = Math.Min(chunk.Count - from, limit - taken);
            segments.Add(new Segment(chunk, from, take));
            (next, taken) = (next + take, taken + take);
            if (from + take == chunk.Count)
            {
                index++;
            }
        }

        return (segments, next);
    }

    private (List<Segment>, long) InCompletionOrder(long offset, int limit)
    {
        var segments = new List<Segment>();
        var taken = 0;
        long position = 0;
        foreach (var chunkIndex in _completionOrder)
        {
            var chunk = _chunks[chunkIndex];
            if (taken >= limit)
            {
                break;
            }

            if (position + chunk.Count <= offset)
            {
                position += chunk.Count;
                continue;
            }

            var from = (int)Math.Max(0, offset - position);
            var take = Math.Min(chunk.Count - from, limit - taken);
            segments.Add(new Segment(chunk, from, take));
            taken += take;
            position += from + take;
        }

        return (segments, Math.Max(offset, position));
    }

    private void AddItems(List<ResultItem> items, Segment segment, IReadOnlyDictionary<int, byte[]>? readBack)
    {
        var (chunk, from, take) = segment;
        var seq = chunk.CompletionSeq ?? 0;
        if (chunk.State != FutureState.Done)
        {
            for (var i = 0; i < take; i++)
            {
                items.Add(new ResultItem(chunk.Start + from + i, seq, null, chunk.Error ?? chunk.State.ToString()));
            }

            return;
        }

        var payload = chunk.Payload ?? readBack?.GetValueOrDefault(chunk.Index)
            ?? throw new JobNotFoundException($"the results of chunk {chunk.Index} are no longer in the job store (its retention ended)");
        var values = kernel.DecodeItems(payload);
        for (var i = 0; i < take; i++)
        {
            items.Add(new ResultItem(chunk.Start + from + i, seq, System.Text.Json.JsonSerializer.Serialize(values[from + i], Kernels.ResultJson.Options), null));
        }
    }

    // Items are known once the job has been planned (it may still be waiting on dependencies before that).
    private bool IsJobFinishedOrPlanned() => State != JobState.Waiting;

    private int ChunkIndexOf(long item)
    {
        int low = 0, high = _chunks.Count - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            var chunk = _chunks[middle];
            if (item < chunk.Start)
            {
                high = middle - 1;
            }
            else if (item >= chunk.Start + chunk.Count)
            {
                low = middle + 1;
            }
            else
            {
                return middle;
            }
        }

        return _chunks.Count;
    }

    /// <summary>Items <see cref="From"/>..<see cref="From"/>+<see cref="Take"/> of a chunk (indices within it).</summary>
    private readonly record struct Segment(Chunk Chunk, int From, int Take);
}
