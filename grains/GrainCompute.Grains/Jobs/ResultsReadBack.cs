namespace GrainCompute.Grains.Jobs;

/// <summary>
/// Chunk results a job grain read back from the store for its result pages (after it let them go, see
/// <see cref="JobLedger.ReleaseResults"/>), kept while they fit in Compute:ResultsInMemoryBytes: a reader walks a
/// large chunk page by page, and each page would otherwise read the whole chunk again. Used on the grain's turn only.
/// </summary>
internal sealed class ResultsReadBack(IJobStore store, string jobId, long keepBytes)
{
    private readonly Dictionary<int, byte[]> _kept = [];
    private long _keptBytes;

    /// <summary>The results of <paramref name="chunks"/>, from memory where kept, else from the store.</summary>
    public async Task<IReadOnlyDictionary<int, byte[]>> ReadAsync(IReadOnlyList<int> chunks)
    {
        var page = new Dictionary<int, byte[]>();
        var missing = new List<int>();
        foreach (var index in chunks)
        {
            if (_kept.TryGetValue(index, out var payload))
            {
                page[index] = payload;
            }
            else
            {
                missing.Add(index);
            }
        }

        if (missing.Count > 0)
        {
            foreach (var stored in await store.ReadChunksAsync(jobId, missing))
            {
                if (stored.Payload is { } payload)
                {
                    page[stored.Index] = payload;
                    Keep(stored.Index, payload);
                }
            }
        }

        return page;
    }

    private void Keep(int index, byte[] payload)
    {
        if (_keptBytes + payload.Length > keepBytes)
        {
            // Readers move forward through the results: what was read before is the least likely to be asked again.
            _kept.Clear();
            _keptBytes = 0;
        }

        if (payload.Length <= keepBytes)
        {
            _kept[index] = payload;
            _keptBytes += payload.Length;
        }
    }
}
