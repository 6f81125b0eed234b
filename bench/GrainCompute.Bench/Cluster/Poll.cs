namespace GrainCompute.Bench.Cluster;

/// <summary>Polls a condition until it holds or a deadline passes.</summary>
internal static class Poll
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    public static async Task UntilAsync(Func<Task<bool>> condition, string expectation, TimeSpan timeout, TimeSpan? interval = null)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (!await condition())
        {
            if (cancel.IsCancellationRequested)
            {
                throw new TimeoutException($"timed out after {timeout.TotalSeconds:0} s waiting until {expectation}");
            }

            await Task.Delay(interval ?? Interval);
        }
    }
}
