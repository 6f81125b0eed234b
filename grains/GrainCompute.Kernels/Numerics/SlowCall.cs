namespace GrainCompute.Kernels;

/// <summary>
/// The seed's <c>sleep(delay); return value</c> as an awaitable: each item waits with Task.Delay, so a
/// worker running a slow chunk holds no thread, and cancelling the token ends the wait at once.
/// </summary>
internal static class SlowCall
{
    public static async ValueTask RunAsync(Memory<long> results, long value, double delaySeconds, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromSeconds(delaySeconds);
        for (var i = 0; i < results.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }

            results.Span[i] = value;
        }
    }

    public static void Validate(double delaySeconds, int count)
    {
        if (!(delaySeconds is >= 0 and <= 3600))
        {
            throw new KernelParameterException("delay", "delay must be ≥ 0 and ≤ 3600 seconds");
        }

        if (count is < 1 or > 1_000_000)
        {
            throw new KernelParameterException("count", "count must be ≥ 1 and ≤ 1000000");
        }
    }

    /// <summary>One call per chunk: the delay dominates and separate chunks overlap their waits.</summary>
    public static double EstimateNanoseconds(double delaySeconds) => Math.Max(delaySeconds * 1e9, 1);
}
