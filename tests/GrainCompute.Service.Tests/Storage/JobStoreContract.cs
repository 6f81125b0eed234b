using GrainCompute.Grains;

namespace GrainCompute.Service.Tests.Storage;

/// <summary>What every job store must do; run against the in-memory and the PostgreSQL store.</summary>
public abstract class JobStoreContract
{
    private static readonly DateTimeOffset Submitted = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    // Silo processes of other tests share the PostgreSQL database and purge expired jobs by the real clock, so a job
    // that must stay expires far ahead, and one that must go expires in the past.
    private static readonly DateTimeOffset FarFuture = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    protected abstract IJobStore Store { get; }

    [Fact]
    public async Task A_created_job_loads_back_and_a_second_create_is_refused()
    {
        var id = NewId();

        Assert.True(await Store.CreateAsync(Job(id)));
        Assert.False(await Store.CreateAsync(Job(id)));
        var loaded = await Store.LoadAsync(id);

        Assert.NotNull(loaded);
        Assert.Equal(("test", """{"n":4}""", 2, 4L, JobState.Running), (loaded.Kernel, loaded.ParametersJson, loaded.ChunkSize, loaded.Items, loaded.State));
        Assert.Null(loaded.Finished);
        Assert.Empty(loaded.Chunks);
    }

    [Fact]
    public async Task The_first_outcome_of_a_chunk_wins_and_sequence_numbers_increase()
    {
        var id = NewId();
        await Store.CreateAsync(Job(id));

        var first = await Store.SaveChunksAsync(id, [Chunk(1, [1, 2]), Chunk(0, [3])]);
        var again = await Store.SaveChunksAsync(id, [Chunk(1, [9, 9, 9]), Chunk(2, [4])]);
        var loaded = (await Store.LoadAsync(id))!;

        Assert.Equal([1, 0], first.Select(c => c.Index));
        Assert.True(first[0].Seq < first[1].Seq);
        Assert.Equal([1, 2], again.Select(c => c.Index));
        Assert.Equal([1, 2], again[0].Payload);
        Assert.True(again[1].Seq > first[1].Seq);
        Assert.Equal([1, 0, 2], loaded.Chunks.Select(c => c.Index));
    }

    [Fact]
    public async Task A_finished_job_keeps_its_result_and_leaves_the_unfinished_list()
    {
        var id = NewId();
        await Store.CreateAsync(Job(id));
        Assert.Contains(id, await Store.UnfinishedAsync());
        Assert.True(await Store.CountUnfinishedAsync() >= 1);

        await Store.FinishAsync(id, JobState.Completed, "42", null, Submitted.AddSeconds(3), FarFuture);
        var loaded = (await Store.LoadAsync(id))!;

        Assert.DoesNotContain(id, await Store.UnfinishedAsync());
        Assert.Equal((JobState.Completed, "42"), (loaded.State, loaded.ResultJson));
        Assert.Equal(Submitted.AddSeconds(3).ToUnixTimeMilliseconds(), loaded.Finished!.Value.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task Jobs_past_their_retention_are_deleted_with_their_chunks_and_the_rest_stay()
    {
        var (expired, kept, running) = (NewId(), NewId(), NewId());
        foreach (var id in new[] { expired, kept, running })
        {
            await Store.CreateAsync(Job(id));
            await Store.SaveChunksAsync(id, [Chunk(0, [1])]);
        }

        await Store.FinishAsync(expired, JobState.Completed, "1", null, Submitted.AddSeconds(1), Submitted.AddSeconds(10));
        await Store.FinishAsync(kept, JobState.Completed, "1", null, Submitted.AddSeconds(1), FarFuture);

        await Store.DeleteExpiredAsync(DateTimeOffset.UtcNow);

        Assert.Null(await Store.LoadAsync(expired));
        Assert.True(await Store.CreateAsync(Job(expired)));
        Assert.Empty((await Store.LoadAsync(expired))!.Chunks);
        Assert.Single((await Store.LoadAsync(kept))!.Chunks);
        Assert.NotNull(await Store.LoadAsync(running));
        Assert.Contains(running, await Store.UnfinishedAsync());
    }

    [Fact]
    public async Task A_waiting_job_records_its_plan_once_its_dependencies_resolve()
    {
        var id = NewId();
        await Store.CreateAsync(Job(id) with { ParametersJson = null, ChunkSize = 0, Items = 0, State = JobState.Waiting });

        await Store.PlanAsync(id, """{"a":3}""", 1, 1);
        var loaded = (await Store.LoadAsync(id))!;

        Assert.Equal(("""{"a":3}""", 1, 1L), (loaded.ParametersJson, loaded.ChunkSize, loaded.Items));
    }

    [Fact]
    public async Task Unknown_jobs_load_as_null_and_lists_show_newest_first()
    {
        var older = NewId();
        var newer = NewId();
        // Far enough ahead to be the newest in a database that earlier runs left jobs in.
        var now = DateTimeOffset.UtcNow.AddYears(100);
        await Store.CreateAsync(Job(older) with { Submitted = now });
        await Store.CreateAsync(Job(newer) with { Submitted = now.AddMilliseconds(1) });

        var listed = await Store.ListAsync(2);

        Assert.Null(await Store.LoadAsync(NewId()));
        Assert.Equal([newer, older], listed.Select(j => j.Id));
    }

    protected static string NewId() => $"job-{Guid.NewGuid():N}";

    protected static StoredJob Job(string id) => new(id, "test", """{"kernel":"test"}""", """{"n":4}""", 2, 4, JobState.Running, Submitted, null, null, null, []);

    private static StoredChunk Chunk(int index, byte[] payload) =>
        new(index, FutureState.Done, payload, 0, null, "127.0.0.1:1@1", "cpu-1", Submitted, Submitted.AddSeconds(1), 1, 0.5);
}

public sealed class InMemoryJobStoreTests : JobStoreContract
{
    protected override IJobStore Store { get; } = new InMemoryJobStore();

    // Exact counts only here: other tests write unfinished jobs into the shared PostgreSQL database meanwhile.
    [Fact]
    public async Task The_unfinished_count_follows_creates_and_finishes()
    {
        var (first, second) = (NewId(), NewId());
        await Store.CreateAsync(Job(first));
        await Store.CreateAsync(Job(second));
        await Store.CreateAsync(Job(second));
        Assert.Equal(2, await Store.CountUnfinishedAsync());

        await Store.FinishAsync(first, JobState.Completed, "1", null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(1));
        await Store.FinishAsync(first, JobState.Completed, "1", null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(1));

        Assert.Equal(1, await Store.CountUnfinishedAsync());
    }

    [Fact]
    public async Task Deleting_expired_jobs_counts_what_it_deleted()
    {
        await Store.CreateAsync(Job(NewId()));
        var (first, second) = (NewId(), NewId());
        await Store.CreateAsync(Job(first));
        await Store.CreateAsync(Job(second));
        await Store.FinishAsync(first, JobState.Completed, "1", null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(10));
        await Store.FinishAsync(second, JobState.Failed, null, "x", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(30));

        Assert.Equal(1, await Store.DeleteExpiredAsync(DateTimeOffset.UnixEpoch.AddSeconds(20)));
        Assert.Equal(1, await Store.DeleteExpiredAsync(DateTimeOffset.UnixEpoch.AddSeconds(40)));
        Assert.Equal(0, await Store.DeleteExpiredAsync(DateTimeOffset.UnixEpoch.AddSeconds(50)));
    }
}

public sealed class PostgresJobStoreTests : JobStoreContract
{
    protected override IJobStore Store { get; } = new PostgresJobStore(TestPostgres.DataSource);
}
