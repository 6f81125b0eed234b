namespace GrainCompute.Kernels.Tests.Kernels;

/// <summary>A chunk of seconds of CPU work must stop soon after its token is cancelled.</summary>
public sealed class CancellationTests
{
    [Theory]
    [InlineData("isprime", """{"intervals": 1}""")] // one item: all 2.3·10^8 candidate divisors
    [InlineData("montecarlo-pi", """{"samples": 1000000000, "blockSize": 1000000000}""")]
    [InlineData("euler-e", """{"samples": 1000000000, "blockSize": 1000000000}""")]
    [InlineData("countprimes", """{"n": 1000000000000, "rangeSize": 16777216}""")]
    [InlineData("square", """{"n": 4294967296}""", 1 << 23)] // ~25 ns an item: a million take too little to cancel
    public async Task A_long_chunk_throws_when_cancelled(string name, string json, int maxItems = 1 << 20)
    {
        var kernel = KernelHarness.Kernel(name);
        var parameters = KernelHarness.Bind(kernel, json);
        var count = (int)Math.Min(kernel.ItemCount(parameters), maxItems);
        using var cancellation = new CancellationTokenSource();

        // Cancelled from a thread of its own: a timer's callback waits for a pool thread, and other test classes'
        // kernels can hold all of them for longer than this chunk runs.
        var canceller = new Thread(() =>
        {
            Thread.Sleep(50);
            cancellation.Cancel();
        });
        canceller.Start();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Task.Run(() => kernel.RunChunkAsync(parameters, 0, count, cancellation.Token).AsTask()));
        canceller.Join();
    }

    [Fact]
    public async Task An_already_cancelled_token_runs_nothing()
    {
        var kernel = KernelHarness.Kernel("julia");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => kernel.RunChunkAsync(KernelHarness.Bind(kernel, "{}"), 0, 960, new CancellationToken(true)).AsTask());
    }
}
