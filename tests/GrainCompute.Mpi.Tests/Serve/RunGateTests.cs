using GrainCompute.Mpi.Examples.Serve;

namespace GrainCompute.Mpi.Tests.Serve;

public sealed class RunGateTests
{
    [Fact]
    public async Task TryEnter_BeyondRunningPlusQueue_ReturnsNull_AndAdmitsAgainAfterRelease()
    {
        using var gate = new RunGate(maxConcurrent: 1, queueLimit: 1);
        var first = await gate.TryEnterAsync(CancellationToken.None);
        var queued = gate.TryEnterAsync(CancellationToken.None);

        Assert.Null(await gate.TryEnterAsync(CancellationToken.None));
        Assert.False(queued.IsCompleted, "the second run should wait for the first one's slot");

        first!.Dispose();
        using var second = await queued.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.NotNull(second);
        Assert.Equal(1, gate.Admitted);
    }
}
