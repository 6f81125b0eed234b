using GrainCompute.Grains.Workers;

namespace GrainCompute.Service.Tests.Workers;

public sealed class RunningChunksTests
{
    private readonly RunningChunks _running = new(TimeProvider.System);

    [Fact]
    public void A_runs_source_is_shared_by_its_chunks_and_goes_with_the_last_one()
    {
        var first = _running.Enter("run-1");
        var second = _running.Enter("run-1");
        _running.Enter("run-2");

        _running.Leave("run-1");
        Assert.Equal(2, _running.Count);
        _running.Leave("run-1");
        _running.Leave("run-2");

        Assert.Equal(0, _running.Count);
        Assert.False(first.IsCancellationRequested || second.IsCancellationRequested);
    }

    [Fact]
    public void Cancelling_a_run_fires_its_running_chunks_tokens_and_a_chunk_arriving_later_starts_cancelled()
    {
        var running = _running.Enter("run-1");
        var other = _running.Enter("run-2");

        _running.Cancel("run-1");
        _running.Leave("run-1"); // the cancelled chunk ends after the cancel
        var late = _running.Enter("run-1");

        Assert.True(running.IsCancellationRequested);
        Assert.True(late.IsCancellationRequested);
        Assert.False(other.IsCancellationRequested);
        Assert.Equal(1, _running.Count);
    }
}
