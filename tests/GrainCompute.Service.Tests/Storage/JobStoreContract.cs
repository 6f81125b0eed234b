using GrainCompute.Grains;
using GrainCompute.Providers.PostgreSql;

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
    public async Task A_created_job_reads_back_at_epoch_1_and_a_second_create_is_refused()
    {
        var id = NewId();

        Assert.True(await Store.CreateAsync(Job(id) with { Epoch = 7 }));
        Assert.False(await Store.CreateAsync(Job(id)));
        var loaded = await Store.ReadAsync(id);

        Assert.NotNull(loaded);
        Assert.Equal(("test", """{"n":4}""", 2, 4L, JobState.Running, 1L), (loaded.Kernel, loaded.ParametersJson, loaded.ChunkSize, loaded.Items, loaded.State, loaded.Epoch));
        Assert.Null(loaded.Finished);
        Assert.Empty(loaded.Chunks);
    }

    [Fact]
    public async Task The_first_outcome_of_a_chunk_wins_and_sequence_numbers_increase()
    {
        var id = NewId();
        await Store.CreateAsync(Job(id));

        var first = await Store.SaveChunksAsync(id, 1, [Chunk(1, [1, 2]), Chunk(0, [3])]);
        var again = await Store.SaveChunksAsync(id, 1, [Chunk(1, [9, 9, 9]), Chunk(2, [4])]);
        var loaded = (await Store.ReadAsync(id))!;

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

        await Store.FinishAsync(id, 1, JobState.Completed, "42", null, Submitted.AddSeconds(3), FarFuture);
        var loaded = (await Store.ReadAsync(id))!;

        Assert.DoesNotContain(id, await Store.UnfinishedAsync());
        Assert.Equal((JobState.Completed, "42"), (loaded.State, loaded.ResultJson));
        Assert.Equal(Submitted.AddSeconds(3).ToUnixTimeMilliseconds(), loaded.Finished!.Value.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task Chunks_read_by_index_and_the_result_read_alone_are_what_was_stored()
    {
        var id = NewId();
        await Store.CreateAsync(Job(id));
        await Store.SaveChunksAsync(id, 1, [Chunk(2, [7]), Chunk(0, [5]), Chunk(1, [6])]);
        var whileRunning = await Store.ReadResultAsync(id);
        await Store.FinishAsync(id, 1, JobState.Completed, "[5,6,7]", null, Submitted.AddSeconds(1), FarFuture);

        var chunks = await Store.ReadChunksAsync(id, [0, 2, 9]);

        Assert.Equal([2, 0], chunks.Select(c => c.Index)); // by sequence number; 9 was never stored
        Assert.Equal([[7], [5]], chunks.Select(c => c.Payload));
        Assert.Null(whileRunning);
        Assert.Equal("[5,6,7]", await Store.ReadResultAsync(id));
        Assert.Null(await Store.ReadResultAsync(NewId()));
        Assert.Empty(await Store.ReadChunksAsync(NewId(), [0]));
    }

    [Fact]
    public async Task Jobs_past_their_retention_are_deleted_with_their_chunks_and_the_rest_stay()
    {
        var (expired, kept, running) = (NewId(), NewId(), NewId());
        foreach (var id in new[] { expired, kept, running })
        {
            await Store.CreateAsync(Job(id));
            await Store.SaveChunksAsync(id, 1, [Chunk(0, [1])]);
        }

        await Store.FinishAsync(expired, 1, JobState.Completed, "1", null, Submitted.AddSeconds(1), Submitted.AddSeconds(10));
        await Store.FinishAsync(kept, 1, JobState.Completed, "1", null, Submitted.AddSeconds(1), FarFuture);

        await Store.DeleteExpiredAsync(DateTimeOffset.UtcNow);

        Assert.Null(await Store.ReadAsync(expired));
        Assert.Null(await Store.ClaimAsync(expired));
        await Store.FinishAsync(expired, 1, JobState.Failed, null, "late", Submitted.AddSeconds(2), FarFuture);
        Assert.Null(await Store.ReadAsync(expired));
        Assert.True(await Store.CreateAsync(Job(expired)));
        Assert.Empty((await Store.ReadAsync(expired))!.Chunks);
        Assert.Single((await Store.ReadAsync(kept))!.Chunks);
        Assert.NotNull(await Store.ReadAsync(running));
        Assert.Contains(running, await Store.UnfinishedAsync());
    }

    [Fact]
    public async Task A_waiting_job_records_its_plan_once_its_dependencies_resolve()
    {
        var id = NewId();
        await Store.CreateAsync(Job(id) with { ParametersJson = null, ChunkSize = 0, Items = 0, State = JobState.Waiting });

        await Store.PlanAsync(id, 1, """{"a":3}""", 1, 1);
        var loaded = (await Store.ReadAsync(id))!;

        Assert.Equal(("""{"a":3}""", 1, 1L), (loaded.ParametersJson, loaded.ChunkSize, loaded.Items));
    }

    [Fact]
    public async Task Unknown_jobs_read_and_claim_as_null_and_lists_show_newest_first()
    {
        var older = NewId();
        var newer = NewId();
        // Far enough ahead to be the newest in a database that earlier runs left jobs in.
        var now = DateTimeOffset.UtcNow.AddYears(100);
        await Store.CreateAsync(Job(older) with { Submitted = now });
        await Store.CreateAsync(Job(newer) with { Submitted = now.AddMilliseconds(1) });

        var listed = await Store.ListAsync(2);

        Assert.Null(await Store.ReadAsync(NewId()));
        Assert.Null(await Store.ClaimAsync(NewId()));
        Assert.Equal([newer, older], listed.Select(j => j.Id));
    }

    [Fact]
    public async Task Claiming_a_job_moves_it_to_the_next_epoch_and_returns_it_as_stored()
    {
        var id = NewId();
        await Store.CreateAsync(Job(id));
        await Store.SaveChunksAsync(id, 1, [Chunk(0, [5])]);

        var claimed = (await Store.ClaimAsync(id))!;
        var again = (await Store.ClaimAsync(id))!;

        Assert.Equal((2L, JobState.Running, """{"n":4}"""), (claimed.Epoch, claimed.State, claimed.ParametersJson));
        Assert.Equal([5], Assert.Single(claimed.Chunks).Payload);
        Assert.Equal(3L, again.Epoch);
        Assert.Equal(3L, (await Store.ReadAsync(id))!.Epoch);
    }

    [Fact]
    public async Task A_plan_with_the_epoch_from_before_a_claim_is_refused_and_changes_nothing()
    {
        var id = NewId();
        await Store.CreateAsync(Job(id) with { ParametersJson = null, ChunkSize = 0, Items = 0, State = JobState.Waiting });
        await Store.ClaimAsync(id);

        var refused = await Assert.ThrowsAsync<JobOwnershipLostException>(() => Store.PlanAsync(id, 1, """{"a":3}""", 1, 1));
        var stored = (await Store.ReadAsync(id))!;

        Assert.Contains(id, refused.Message, StringComparison.Ordinal);
        Assert.Equal(((string?)null, 0, 0L, 2L), (stored.ParametersJson, stored.ChunkSize, stored.Items, stored.Epoch));
    }

    [Fact]
    public async Task Chunks_saved_with_the_epoch_from_before_a_claim_are_refused_and_not_stored()
    {
        var id = NewId();
        await Store.CreateAsync(Job(id));
        await Store.SaveChunksAsync(id, 1, [Chunk(0, [1])]);
        await Store.ClaimAsync(id);

        await Assert.ThrowsAsync<JobOwnershipLostException>(() => Store.SaveChunksAsync(id, 1, [Chunk(1, [2]), Chunk(2, [3])]));
        var stored = (await Store.ReadAsync(id))!;

        Assert.Equal([0], stored.Chunks.Select(c => c.Index));
        Assert.Equal(2L, stored.Epoch);
    }

    [Fact]
    public async Task A_finish_with_the_epoch_from_before_a_claim_is_refused_and_the_job_stays_unfinished()
    {
        var id = NewId();
        await Store.CreateAsync(Job(id));
        await Store.ClaimAsync(id);

        await Assert.ThrowsAsync<JobOwnershipLostException>(() => Store.FinishAsync(id, 1, JobState.Completed, "42", null, Submitted.AddSeconds(3), FarFuture));
        var stored = (await Store.ReadAsync(id))!;

        Assert.Equal((JobState.Running, (string?)null, (DateTimeOffset?)null, 2L), (stored.State, stored.ResultJson, stored.Finished, stored.Epoch));
        Assert.Contains(id, await Store.UnfinishedAsync());
    }

    [Fact]
    public async Task The_new_owner_writes_with_the_epoch_its_claim_returned()
    {
        var id = NewId();
        await Store.CreateAsync(Job(id) with { ParametersJson = null, ChunkSize = 0, Items = 0, State = JobState.Waiting });
        var epoch = (await Store.ClaimAsync(id))!.Epoch;

        await Store.PlanAsync(id, epoch, """{"a":3}""", 1, 1);
        var saved = await Store.SaveChunksAsync(id, epoch, [Chunk(0, [7])]);
        await Store.FinishAsync(id, epoch, JobState.Completed, "7", null, Submitted.AddSeconds(3), FarFuture);
        var stored = (await Store.ReadAsync(id))!;

        Assert.Equal([7], Assert.Single(saved).Payload);
        Assert.Equal(("""{"a":3}""", JobState.Completed, "7"), (stored.ParametersJson, stored.State, stored.ResultJson));
        Assert.DoesNotContain(id, await Store.UnfinishedAsync());
    }

    [Fact]
    public async Task Concurrent_claims_each_get_an_epoch_of_their_own()
    {
        var id = NewId();
        await Store.CreateAsync(Job(id));

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Store.ClaimAsync(id))));

        Assert.Equal(Enumerable.Range(2, 8).Select(e => (long)e), claims.Select(c => c!.Epoch).Order());
        Assert.Equal(9L, (await Store.ReadAsync(id))!.Epoch);
    }

    [Fact]
    public async Task A_chunk_saved_by_the_new_owner_wins_over_the_old_owners_later_attempt()
    {
        var id = NewId();
        await Store.CreateAsync(Job(id));
        var epoch = (await Store.ClaimAsync(id))!.Epoch;
        var saved = await Store.SaveChunksAsync(id, epoch, [Chunk(0, [1])]);

        await Assert.ThrowsAsync<JobOwnershipLostException>(() => Store.SaveChunksAsync(id, 1, [Chunk(0, [9]), Chunk(1, [9])]));
        var stored = (await Store.ReadAsync(id))!;

        Assert.Equal([1], Assert.Single(stored.Chunks).Payload);
        Assert.Equal(Assert.Single(saved).Seq, stored.Chunks[0].Seq);
    }

    [Fact]
    public async Task Writes_racing_a_claim_either_come_before_it_or_are_refused()
    {
        var id = NewId();
        await Store.CreateAsync(Job(id));

        // The old owner keeps saving chunks while a survivor claims the job: each save must be stored and seen by the
        // claim, or refused and not stored.
        Task<StoredJob?>? claim = null;
        var saved = new List<int>();
        // Bounded, so that a store that never refuses fails instead of saving forever.
        for (var index = 0; index < 10_000; index++)
        {
            if (index == 20)
            {
                claim = Task.Run(() => Store.ClaimAsync(id));
            }

            try
            {
                await Store.SaveChunksAsync(id, 1, [Chunk(index, [1])]);
                saved.Add(index);
            }
            catch (JobOwnershipLostException)
            {
                break;
            }

            if (claim is { IsFaulted: true })
            {
                await claim;
            }

            // The in-memory store completes synchronously: leave the claim a thread to run on.
            await Task.Yield();
        }

        var claimed = (await claim!)!;
        var stored = (await Store.ReadAsync(id))!;

        Assert.InRange(saved.Count, 20, 9_999);
        Assert.Equal(saved, claimed.Chunks.Select(c => c.Index));
        Assert.Equal(saved, stored.Chunks.Select(c => c.Index));
    }

    protected static string NewId() => $"job-{Guid.NewGuid():N}";

    protected static StoredJob Job(string id) => new(id, "test", """{"kernel":"test"}""", """{"n":4}""", 2, 4, JobState.Running, Submitted, null, null, null, [], 0);

    private static StoredChunk Chunk(int index, byte[] payload) =>
        new(index, FutureState.Done, payload, 0, null, "127.0.0.1:1@1", "cpu-1", Submitted, Submitted.AddSeconds(1), 1, 0.5);
}

public sealed class InMemoryJobStoreTests : JobStoreContract
{
    protected override IJobStore Store { get; } = new InMemoryJobStore();

    [Fact]
    public async Task Deleting_expired_jobs_counts_what_it_deleted()
    {
        await Store.CreateAsync(Job(NewId()));
        var (first, second) = (NewId(), NewId());
        await Store.CreateAsync(Job(first));
        await Store.CreateAsync(Job(second));
        await Store.FinishAsync(first, 1, JobState.Completed, "1", null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(10));
        await Store.FinishAsync(second, 1, JobState.Failed, null, "x", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(30));

        Assert.Equal(1, await Store.DeleteExpiredAsync(DateTimeOffset.UnixEpoch.AddSeconds(20)));
        Assert.Equal(1, await Store.DeleteExpiredAsync(DateTimeOffset.UnixEpoch.AddSeconds(40)));
        Assert.Equal(0, await Store.DeleteExpiredAsync(DateTimeOffset.UnixEpoch.AddSeconds(50)));
    }
}

public sealed class PostgresJobStoreTests : JobStoreContract
{
    protected override IJobStore Store { get; } = new PostgresJobStore(TestPostgres.DataSource);
}
