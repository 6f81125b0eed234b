namespace GrainCompute.Client.Transport;

/// <summary>
/// Futures to follow together, as the multi-job endpoints take them: grouped by the client they came from (its
/// gateways answer for them) and by job id (two handles on one job are one id), in slices of at most
/// <see cref="ComputeClient.MaxJobsPerRequest"/> ids, one request each.
/// </summary>
internal sealed class JobSlice<TFuture>
    where TFuture : ComputeFuture
{
    private JobSlice(ComputeClient client, Dictionary<string, List<TFuture>> futures)
    {
        Client = client;
        Futures = futures;
    }

    public ComputeClient Client { get; }

    /// <summary>Job id → the futures on it.</summary>
    public IReadOnlyDictionary<string, List<TFuture>> Futures { get; }

    public IReadOnlyCollection<string> Ids => (IReadOnlyCollection<string>)Futures.Keys;

    public static List<JobSlice<TFuture>> Of(IEnumerable<TFuture> futures) =>
    [
        .. futures.GroupBy(f => f.Client).SelectMany(client => client
            .GroupBy(f => f.Id, StringComparer.Ordinal)
            .Chunk(ComputeClient.MaxJobsPerRequest)
            .Select(slice => new JobSlice<TFuture>(client.Key, slice.ToDictionary(job => job.Key, job => job.ToList(), StringComparer.Ordinal)))),
    ];

    /// <summary>Keeps <paramref name="status"/> in every future on its job; those futures, or none when the id is not in this slice.</summary>
    public IReadOnlyList<TFuture> Observe(JobStatus status)
    {
        if (!Futures.TryGetValue(status.Id, out var futures))
        {
            return [];
        }

        foreach (var future in futures)
        {
            future.Observe(status);
        }

        return futures;
    }
}
