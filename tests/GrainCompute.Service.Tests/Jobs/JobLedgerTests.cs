using GrainCompute.Grains;
using GrainCompute.Grains.Jobs;
using GrainCompute.Kernels;

namespace GrainCompute.Service.Tests.Jobs;

/// <summary>The job's bookkeeping without a cluster: the tests play the workers and the store.</summary>
public sealed class JobLedgerTests
{
    private readonly ManualTime _time = new();
    private long _lastSeq;

    [Fact]
    public void Kernel_failures_spend_retries_until_the_chunk_fails()
    {
        var ledger = Planned(items: 10, chunkSize: 10, new JobOptions(Retries: 1));

        var chunk = TakeOne(ledger);
        ledger.Ended(chunk, Threw(), lost: null);
        Assert.Equal(FutureState.Pending, chunk.State);

        var again = TakeOne(ledger);
        ledger.Ended(again, Threw(), lost: null);

        Assert.Same(chunk, again);
        Assert.Equal(2, chunk.Attempts);
        Assert.Equal(FutureState.Failed, chunk.State);
        Assert.Equal("InvalidOperationException: item 3 is broken", chunk.Error);
    }

    [Fact]
    public void Lost_runs_spend_no_retry_and_come_back_later_each_time()
    {
        var ledger = Planned(items: 10, chunkSize: 10, new JobOptions(Retries: 0));

        var chunk = TakeOne(ledger);
        var first = ledger.Ended(chunk, outcome: null, new SiloUnavailableException("silo died"));
        Assert.True(ledger.Requeue(chunk));
        TakeOne(ledger);
        var second = ledger.Ended(chunk, outcome: null, new SiloUnavailableException("silo died"));

        Assert.Equal(TimeSpan.Zero, first.RequeueAfter);
        Assert.Equal(TimeSpan.FromMilliseconds(50), second.RequeueAfter);
        Assert.Equal(0, chunk.Attempts);
        Assert.Equal(2, chunk.LostRuns);
        Assert.Equal(FutureState.Pending, chunk.State);
        Assert.False(ledger.HasUnsaved);
    }

    [Fact]
    public void A_chunk_lost_more_often_than_the_limit_fails()
    {
        var ledger = Planned(items: 10, chunkSize: 10, new JobOptions(Retries: 5));
        var chunk = TakeOne(ledger);
        for (var run = 0; run < JobLedger.MaxLostRuns; run++)
        {
            ledger.Ended(chunk, outcome: null, new TimeoutException("no answer"));
            Assert.True(ledger.Requeue(chunk));
            TakeOne(ledger);
        }

        var last = ledger.Ended(chunk, outcome: null, new TimeoutException("no answer"));

        Assert.Null(last.RequeueAfter);
        Assert.Equal(FutureState.Failed, chunk.State);
        Assert.Equal("TimeoutException: no answer", chunk.Error);
    }

    [Fact]
    public void A_draining_silo_hands_a_chunk_back_without_counting_it_lost()
    {
        var ledger = Planned(items: 10, chunkSize: 10, new JobOptions());
        var chunk = TakeOne(ledger);

        var verdict = ledger.Ended(chunk, outcome: null, new SiloStoppingException("draining"));

        Assert.Equal(TimeSpan.Zero, verdict.RequeueAfter);
        Assert.Equal(0, chunk.LostRuns);
        Assert.Equal(0, chunk.Attempts);
    }

    [Fact]
    public void A_chunk_that_decides_the_job_cancels_the_rest_and_the_job_completes_with_its_answer()
    {
        var kernel = new AnyTrueKernel();
        var ledger = Planned(kernel, kernel.Bind("{}"), items: 30, chunkSize: 10, new JobOptions());
        var chunks = TakeAll(ledger);

        var verdict = ledger.Ended(chunks[1], Done(true), lost: null);
        ledger.Ended(chunks[0], Done(false), lost: null); // ran on: its outcome comes too late to count
        ledger.Ended(chunks[2], Done(false), lost: null);
        SaveAll(ledger);
        ledger.Complete();

        Assert.True(verdict.CancelOthers);
        Assert.Equal([FutureState.Cancelled, FutureState.Done, FutureState.Cancelled], chunks.Select(c => c.State));
        Assert.Equal("not needed: another chunk decided the result", chunks[0].Error);
        Assert.Equal(JobState.Completed, ledger.State);
        Assert.Equal("true", ledger.ResultJson);
    }

    [Fact]
    public void A_failed_chunk_with_stop_on_first_error_cancels_the_rest_and_fails_the_job()
    {
        var ledger = Planned(items: 30, chunkSize: 10, new JobOptions(StopOnFirstError: true));
        var chunks = TakeAll(ledger);

        var verdict = ledger.Ended(chunks[1], Threw(), lost: null);
        ledger.Ended(chunks[0], Done(0, 10), lost: null);
        ledger.Ended(chunks[2], Done(20, 10), lost: null);
        SaveAll(ledger);
        ledger.Complete();

        Assert.True(verdict.CancelOthers);
        Assert.Equal([FutureState.Cancelled, FutureState.Failed, FutureState.Cancelled], chunks.Select(c => c.State));
        Assert.Equal(JobState.Failed, ledger.State);
        Assert.Equal("chunk 1 (items 10..19) failed: InvalidOperationException: item 3 is broken", ledger.Error);
    }

    [Fact]
    public void Without_stop_on_first_error_a_failed_chunk_leaves_the_others_running()
    {
        var ledger = Planned(items: 30, chunkSize: 10, new JobOptions());
        var chunks = TakeAll(ledger);

        var verdict = ledger.Ended(chunks[1], Threw(), lost: null);

        Assert.False(verdict.CancelOthers);
        Assert.Equal([FutureState.Running, FutureState.Failed, FutureState.Running], chunks.Select(c => c.State));
    }

    [Fact]
    public void Completion_order_follows_the_saves_not_the_input()
    {
        var ledger = Planned(items: 6, chunkSize: 2, new JobOptions());
        var chunks = TakeAll(ledger);

        foreach (var index in new[] { 2, 0, 1 })
        {
            ledger.Ended(chunks[index], Done(chunks[index].Start, 2), lost: null);
            SaveAll(ledger);
        }

        var page = ledger.Page(ResultOrder.Completion, 0, 100);
        Assert.Equal([4L, 5, 0, 1, 2, 3], page.Items.Select(i => i.Index));
        Assert.Equal([1L, 1, 2, 2, 3, 3], page.Items.Select(i => i.Seq));
        Assert.Equal(3, ledger.SavedChunks);
    }

    [Fact]
    public void Results_show_a_chunk_only_once_it_is_saved()
    {
        var ledger = Planned(items: 4, chunkSize: 2, new JobOptions());
        var chunks = TakeAll(ledger);

        ledger.Ended(chunks[0], Done(0, 2), lost: null);
        var unsaved = ledger.Page(ResultOrder.Input, 0, 100);
        SaveAll(ledger);
        var saved = ledger.Page(ResultOrder.Input, 0, 100);

        Assert.Empty(unsaved.Items);
        Assert.Equal(["0", "2"], saved.Items.Select(i => i.ValueJson));
        Assert.Equal(2, saved.NextOffset);
    }

    [Fact]
    public void The_job_completes_only_when_every_chunk_is_saved()
    {
        var ledger = Planned(items: 4, chunkSize: 2, new JobOptions());
        var chunks = TakeAll(ledger);

        ledger.Ended(chunks[0], Done(0, 2), lost: null);
        SaveAll(ledger);
        var whileOneRuns = ledger.CanComplete;
        ledger.Ended(chunks[1], Done(2, 2), lost: null);
        var whileOneIsUnsaved = ledger.CanComplete;
        SaveAll(ledger);
        var whenAllAreSaved = ledger.CanComplete;
        ledger.Complete();

        Assert.False(whileOneRuns);
        Assert.False(whileOneIsUnsaved);
        Assert.True(whenAllAreSaved);
        Assert.Equal(JobState.Completed, ledger.State);
        Assert.Equal("12", ledger.ResultJson); // 2·(0+1+2+3)
        Assert.Equal(_time.GetUtcNow(), ledger.Finished);
    }

    [Fact]
    public void First_completed_holds_once_a_chunk_is_saved_and_all_completed_once_the_job_ends()
    {
        var ledger = Planned(items: 4, chunkSize: 2, new JobOptions());
        var chunks = TakeAll(ledger);

        ledger.Ended(chunks[0], Done(0, 2), lost: null);
        Assert.False(ledger.Holds(ReturnWhen.FirstCompleted));
        SaveAll(ledger);
        Assert.True(ledger.Holds(ReturnWhen.FirstCompleted));
        Assert.False(ledger.Holds(ReturnWhen.AllCompleted));

        ledger.Ended(chunks[1], Done(2, 2), lost: null);
        SaveAll(ledger);
        Assert.False(ledger.Holds(ReturnWhen.AllCompleted));
        ledger.Complete();
        Assert.True(ledger.Holds(ReturnWhen.AllCompleted));
    }

    [Fact]
    public void First_exception_holds_only_once_a_failed_chunk_is_saved()
    {
        var ledger = Planned(items: 4, chunkSize: 2, new JobOptions());
        var chunks = TakeAll(ledger);

        ledger.Ended(chunks[0], Done(0, 2), lost: null);
        SaveAll(ledger);
        var afterSuccess = ledger.Holds(ReturnWhen.FirstException);
        ledger.Ended(chunks[1], Threw(), lost: null);
        var afterUnsavedFailure = ledger.Holds(ReturnWhen.FirstException);
        SaveAll(ledger);

        Assert.False(afterSuccess);
        Assert.False(afterUnsavedFailure);
        Assert.True(ledger.Holds(ReturnWhen.FirstException));
    }

    [Fact]
    public void No_more_chunks_are_handed_out_than_the_window_allows()
    {
        var ledger = Planned(items: 5, chunkSize: 1, new JobOptions());

        var first = TakeAll(ledger, window: 2);
        ledger.Ended(first[0], Done(0, 1), lost: null);
        var next = TakeAll(ledger, window: 2);

        Assert.Equal([0, 1], first.Select(c => c.Index));
        Assert.Equal([2], next.Select(c => c.Index));
        Assert.Equal(2, ledger.Running);
    }

    [Fact]
    public void Cancelling_ends_every_open_chunk_and_the_job_at_once()
    {
        var ledger = Planned(items: 4, chunkSize: 2, new JobOptions());
        var running = TakeAll(ledger, window: 1);

        var cancelled = ledger.Cancel();
        var again = ledger.Cancel();
        var status = ledger.Status("job", "test", [], "silo");

        Assert.True(cancelled);
        Assert.False(again);
        Assert.Equal(FutureState.Cancelled, running[0].State);
        Assert.Equal(JobState.Cancelled, ledger.State);
        Assert.Equal(2, status.ChunksCancelled);
        Assert.Equal(2, ledger.TakeUnsaved().Count);
        Assert.False(ledger.TryTakeNext(10, out _));
    }

    [Fact]
    public void Results_beyond_the_job_limit_fail_the_job_naming_the_setting_and_cancel_the_rest()
    {
        // Each chunk of two longs encodes to 16 bytes and a little framing: two fit in 40 bytes, three do not.
        var ledger = Planned(items: 8, chunkSize: 2, new JobOptions(), maxResultBytes: 40);
        var chunks = TakeAll(ledger);

        ledger.Ended(chunks[0], Done(0, 2), lost: null);
        ledger.Ended(chunks[1], Done(2, 2), lost: null);
        var verdict = ledger.Ended(chunks[2], Done(4, 2), lost: null);
        ledger.Ended(chunks[3], outcome: null, lost: null);
        SaveAll(ledger);
        ledger.Complete();

        Assert.True(verdict.CancelOthers);
        Assert.Equal([FutureState.Done, FutureState.Done, FutureState.Failed, FutureState.Cancelled], chunks.Select(c => c.State));
        Assert.Equal(JobState.Failed, ledger.State);
        Assert.Contains("at most 40 are allowed per job (Compute:MaxJobResultBytes)", ledger.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Released_results_come_back_from_what_the_store_holds_in_either_order()
    {
        var ledger = Planned(items: 6, chunkSize: 2, new JobOptions());
        var chunks = TakeAll(ledger);
        foreach (var index in new[] { 1, 0, 2 })
        {
            ledger.Ended(chunks[index], Done(chunks[index].Start, 2), lost: null);
            SaveAll(ledger);
        }

        ledger.Complete();
        var stored = chunks.ToDictionary(c => c.Index, c => c.Payload!);
        ledger.ReleaseResults(keepBytes: 0);

        Assert.All(chunks, c => Assert.Null(c.Payload));
        Assert.False(ledger.CombinedResultInStore); // small enough for the status, which carries it
        Assert.Equal("30", ledger.Status("job", "test", [], "silo").ResultJson);
        Assert.Equal([0, 1, 2], ledger.InStoreOnly(ResultOrder.Input, 0, 100));
        Assert.Equal([2], ledger.InStoreOnly(ResultOrder.Completion, 4, 2));
        Assert.Equal(["0", "2", "4", "6", "8", "10"], ledger.Page(ResultOrder.Input, 0, 100, stored).Items.Select(i => i.ValueJson));
        Assert.Equal(["6", "0"], ledger.Page(ResultOrder.Completion, 1, 2, stored).Items.Select(i => i.ValueJson));
    }

    [Fact]
    public void Results_within_the_memory_budget_stay_and_a_running_job_keeps_everything()
    {
        var ledger = Planned(items: 4, chunkSize: 2, new JobOptions());
        var chunks = TakeAll(ledger);
        ledger.Ended(chunks[0], Done(0, 2), lost: null);
        SaveAll(ledger);

        ledger.ReleaseResults(keepBytes: 0); // still running: its reduction needs every result
        var whileRunning = chunks[0].Payload;
        ledger.Ended(chunks[1], Done(2, 2), lost: null);
        SaveAll(ledger);
        ledger.Complete();
        ledger.ReleaseResults(keepBytes: 1024);

        Assert.NotNull(whileRunning);
        Assert.All(chunks, c => Assert.NotNull(c.Payload));
        Assert.Empty(ledger.InStoreOnly(ResultOrder.Input, 0, 100));
        Assert.Equal("12", ledger.ResultJson);
    }

    private JobLedger Planned(long items, int chunkSize, JobOptions options, long maxResultBytes = long.MaxValue)
    {
        var kernel = new TestKernel();
        return Planned(kernel, kernel.Bind($$"""{"n": {{items}}}"""), items, chunkSize, options, maxResultBytes);
    }

    private JobLedger Planned(IKernel kernel, object parameters, long items, int chunkSize, JobOptions options, long maxResultBytes = long.MaxValue)
    {
        var ledger = new JobLedger(kernel, options, maxResultBytes, _time.GetUtcNow(), _time);
        ledger.Plan(parameters, items, chunkSize);
        ledger.Start();
        return ledger;
    }

    private static Chunk TakeOne(JobLedger ledger) =>
        ledger.TryTakeNext(window: 1, out var chunk) ? chunk : throw new InvalidOperationException("nothing to hand out");

    private static List<Chunk> TakeAll(JobLedger ledger, int window = 100)
    {
        var taken = new List<Chunk>();
        while (ledger.TryTakeNext(window, out var chunk))
        {
            taken.Add(chunk);
        }

        return taken;
    }

    /// <summary>Plays the store: numbers the ended chunks in the order they come, as the real stores do.</summary>
    private void SaveAll(JobLedger ledger)
    {
        _time.Advance(TimeSpan.FromMilliseconds(1));
        ledger.Saved([.. ledger.TakeUnsaved().Select(c => c.ToStored() with { Seq = ++_lastSeq })]);
    }

    private static ChunkOutcome Done(long start, int count) =>
        new(ItemCodec<long>.Encode([.. Enumerable.Range(0, count).Select(i => 2 * (start + i))]), null, null, false, "silo", "worker", 0.01);

    private static ChunkOutcome Done(params bool[] items) => new(ItemCodec<bool>.Encode(items), null, null, false, "silo", "worker", 0.01);

    private static ChunkOutcome Threw() => new(null, "InvalidOperationException", "item 3 is broken", false, "silo", "worker", 0.01);

    /// <summary>A clock that moves only when told, so timestamps are predictable.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    public sealed class AnyTrueParameters;

    /// <summary>An any-reduction kernel: a chunk with a true item decides the job.</summary>
    private sealed class AnyTrueKernel : Kernel<AnyTrueParameters, bool>
    {
        public override string Name => "any-true";

        public override string Description => "any item true";

        public override ReductionKind Reduction => ReductionKind.Any;

        public override long ItemCount(AnyTrueParameters parameters) => 30;

        protected override double EstimateItemNanoseconds(AnyTrueParameters parameters) => 1;
    }
}
