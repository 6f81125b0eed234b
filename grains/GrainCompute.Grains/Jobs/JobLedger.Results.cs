namespace GrainCompute.Grains.Jobs;

/// <summary>Reading a job's results: only saved chunks show, in input order or in the order they were saved.</summary>
internal sealed partial class JobLedger
{
    public ResultsPage Page(ResultOrder order, long offset, int limit) =>
        order == ResultOrder.Input ? InInputOrder(offset, limit) : InCompletionOrder(offset, limit);

    private ResultsPage InInputOrder(long offset, int limit)
    {
        var items = new List<ResultItem>();
        var next = offset;
        var index = ChunkIndexOf(offset);
        while (index < _chunks.Count && items.Count < limit && _chunks[index].Saved)
        {
            var chunk = _chunks[index];
            var from = (int)(next - chunk.Start);
            var take = Math.Min(chunk.Count - from, limit - items.Count);
            AddItems(items, chunk, from, take);
            next += take;
            if (from + take == chunk.Count)
            {
                index++;
            }
        }

        return new ResultsPage(items, next, next >= _items && IsJobFinishedOrPlanned());
    }

    private ResultsPage InCompletionOrder(long offset, int limit)
    {
        var items = new List<ResultItem>();
        long position = 0;
        foreach (var chunkIndex in _completionOrder)
        {
            var chunk = _chunks[chunkIndex];
            if (items.Count >= limit)
            {
                break;
            }

            if (position + chunk.Count <= offset)
            {
                position += chunk.Count;
                continue;
            }

            var from = (int)Math.Max(0, offset - position);
            var take = Math.Min(chunk.Count - from, limit - items.Count);
            AddItems(items, chunk, from, take);
            position += from + take;
        }

        var next = Math.Max(offset, position);
        return new ResultsPage(items, next, next >= _items && IsJobFinishedOrPlanned());
    }

    private void AddItems(List<ResultItem> items, Chunk chunk, int from, int take)
    {
        var seq = chunk.CompletionSeq ?? 0;
        if (chunk.State != FutureState.Done)
        {
            for (var i = 0; i < take; i++)
            {
                items.Add(new ResultItem(chunk.Start + from + i, seq, null, chunk.Error ?? chunk.State.ToString()));
            }

            return;
        }

        var values = kernel.DecodeItems(chunk.Payload!);
        for (var i = 0; i < take; i++)
        {
            items.Add(new ResultItem(chunk.Start + from + i, seq, System.Text.Json.JsonSerializer.Serialize(values[from + i], Jobs.ResultJson.Options), null));
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
}
