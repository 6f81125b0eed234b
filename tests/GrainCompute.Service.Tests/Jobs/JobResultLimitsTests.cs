using GrainCompute.Grains;

namespace GrainCompute.Service.Tests.Jobs;

/// <summary>One job's results can neither exhaust its silo while it runs nor stay in memory after it ended.</summary>
public sealed class JobResultLimitsTests
{
    [Fact]
    public async Task A_chunk_with_results_beyond_the_chunk_limit_fails_naming_a_smaller_chunk_size_and_the_silo_goes_on()
    {
        await using var cluster = await ComputeCluster.StartAsync(1, new ComputeOptions { MaxChunkResultBytes = 1024 });

        // 500 longs encode to over 4 KB; 100 to about 800 bytes.
        var tooBig = await ComputeCluster.RunAsync(cluster.Client, "wide-chunks", new JobSpec("test", """{"n": 1000}""", ChunkSize: 500));
        var fits = await ComputeCluster.RunAsync(cluster.Client, "narrow-chunks", new JobSpec("test", """{"n": 1000}""", ChunkSize: 100));

        Assert.Equal(JobState.Failed, tooBig.State);
        Assert.Contains("at most 1024 are allowed per chunk (Compute:MaxChunkResultBytes): use a smaller chunkSize than 500", tooBig.Error, StringComparison.Ordinal);
        Assert.Equal((JobState.Completed, "999000"), (fits.State, fits.ResultJson));
    }

    [Fact]
    public async Task A_job_whose_results_outgrow_the_job_limit_fails_naming_the_setting()
    {
        await using var cluster = await ComputeCluster.StartAsync(1, new ComputeOptions { MaxChunkResultBytes = 1024, MaxJobResultBytes = 4096 });

        var status = await ComputeCluster.RunAsync(cluster.Client, "hoarder", new JobSpec("test", """{"n": 1000}""", ChunkSize: 100));

        Assert.Equal(JobState.Failed, status.State);
        Assert.Contains("at most 4096 are allowed per job (Compute:MaxJobResultBytes)", status.Error, StringComparison.Ordinal);
        Assert.True(status.ChunksCancelled > 0 || status.ChunksFailed > 1, status.ToString());
    }

    [Fact]
    public async Task A_finished_job_beyond_its_memory_budget_reads_the_same_results_back_from_the_store()
    {
        var store = new CountingJobStore(new InMemoryJobStore());
        await using var released = await ComputeCluster.StartAsync(1, new ComputeOptions { ResultsInMemoryBytes = 0 }, store);
        await using var kept = await ComputeCluster.StartAsync(1);
        var julia = new JobSpec("julia", """{"width": 320, "height": 240}""", ChunkSize: 7);

        await ComputeCluster.RunAsync(released.Client, "squares", new JobSpec("test", """{"n": 1000}""", ChunkSize: 64));
        var inputOrder = await ComputeCluster.AllResultsAsync(released.Client, "squares", ResultOrder.Input, pageSize: 50);
        var completionOrder = await ComputeCluster.AllResultsAsync(released.Client, "squares", ResultOrder.Completion, pageSize: 300);
        var image = await ComputeCluster.RunAsync(released.Client, "image", julia);
        var imageResult = await released.Client.GetGrain<IJobGrain>("image").GetResult();
        await ComputeCluster.RunAsync(kept.Client, "image", julia);
        var keptResult = await kept.Client.GetGrain<IJobGrain>("image").GetResult();

        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (2 * i).ToString(System.Globalization.CultureInfo.InvariantCulture)), inputOrder.Select(i => i.ValueJson));
        Assert.Equal(inputOrder.Select(i => (i.Index, i.ValueJson)).Order(), completionOrder.Select(i => (i.Index, i.ValueJson)).Order());
        Assert.True(store.ChunkReads > 0, "the results pages did not come from the store");
        Assert.True(image.ResultTooLargeForStatus, "the image fits in a status: make it larger");
        Assert.Equal(keptResult, imageResult);
        Assert.Equal(1, store.ResultReads);
    }

    /// <summary>The real in-memory store, counting the reads of results that job grains let go.</summary>
    private sealed class CountingJobStore(IJobStore inner) : IJobStore
    {
        private int _chunkReads;
        private int _resultReads;

        public int ChunkReads => Volatile.Read(ref _chunkReads);

        public int ResultReads => Volatile.Read(ref _resultReads);

        public Task<IReadOnlyList<StoredChunk>> ReadChunksAsync(string jobId, IReadOnlyList<int> indices, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _chunkReads);
            return inner.ReadChunksAsync(jobId, indices, cancellationToken);
        }

        public Task<string?> ReadResultAsync(string jobId, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _resultReads);
            return inner.ReadResultAsync(jobId, cancellationToken);
        }

        public Task<bool> CreateAsync(StoredJob job, CancellationToken cancellationToken = default) => inner.CreateAsync(job, cancellationToken);

        public Task<StoredJob?> ClaimAsync(string jobId, CancellationToken cancellationToken = default) => inner.ClaimAsync(jobId, cancellationToken);

        public Task<StoredJob?> ReadAsync(string jobId, CancellationToken cancellationToken = default) => inner.ReadAsync(jobId, cancellationToken);

        public Task PlanAsync(string jobId, long epoch, string? parametersJson, int chunkSize, long items, CancellationToken cancellationToken = default) =>
            inner.PlanAsync(jobId, epoch, parametersJson, chunkSize, items, cancellationToken);

        public Task<IReadOnlyList<StoredChunk>> SaveChunksAsync(string jobId, long epoch, IReadOnlyList<StoredChunk> chunks, CancellationToken cancellationToken = default) =>
            inner.SaveChunksAsync(jobId, epoch, chunks, cancellationToken);

        public Task FinishAsync(string jobId, long epoch, JobState state, string? resultJson, string? error, DateTimeOffset finished, DateTimeOffset expires, CancellationToken cancellationToken = default) =>
            inner.FinishAsync(jobId, epoch, state, resultJson, error, finished, expires, cancellationToken);

        public Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default) => inner.DeleteExpiredAsync(now, cancellationToken);

        public Task<IReadOnlyList<StoredJobSummary>> ListAsync(int limit, CancellationToken cancellationToken = default) => inner.ListAsync(limit, cancellationToken);

        public Task<IReadOnlyList<string>> UnfinishedAsync(CancellationToken cancellationToken = default) => inner.UnfinishedAsync(cancellationToken);
    }
}
