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

    /// <summary>
    /// Refuses a call whose value, or the sum over its <paramref name="count"/> calls, leaves 64-bit integers:
    /// Python's ints never wrap, so a wrapped result would be silently wrong, not a port.
    /// </summary>
    public static void ValidateValue(Func<long> value, int count, string field, string expression)
    {
        try
        {
            checked
            {
                _ = value() * count;
            }
        }
        catch (OverflowException)
        {
            throw new KernelParameterException(field, $"{expression} summed over {count} call(s) leaves the 64-bit integers (±9223372036854775807)");
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
