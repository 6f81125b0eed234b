namespace GrainCompute.Testing;

/// <summary>Waits on state a test cannot be signalled about (another process, a cluster's view) instead of sleeping.</summary>
public static class Wait
{
    /// <summary>
    /// Polls <paramref name="condition"/> every <paramref name="poll"/> (50 ms unless given; shorter where a test must
    /// act soon after the condition holds) until it holds; fails the test after <paramref name="timeout"/> with
    /// "waiting until <paramref name="expectation"/>" and, if given, what <paramref name="lastSeen"/> reports.
    /// </summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string expectation, TimeSpan timeout, Func<string>? lastSeen = null, TimeSpan? poll = null)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (!await condition())
        {
            Assert.False(cancel.IsCancellationRequested, $"timed out after {timeout.TotalSeconds} s waiting until {expectation}{(lastSeen is null ? "" : "; last seen: " + lastSeen())}");
            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(50));
        }
    }
}
