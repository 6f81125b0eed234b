namespace GrainCompute.Runtime;

/// <summary>
/// Per-call settings that flow with the async context, so typed grain references stay plain interfaces:
/// <c>using (GrainCallOptions.WithTimeout(TimeSpan.FromSeconds(2))) await grain.Run();</c>
/// </summary>
public static class GrainCallOptions
{
    private static readonly AsyncLocal<TimeSpan?> CurrentTimeout = new();

    internal static TimeSpan? Timeout => CurrentTimeout.Value;

    /// <summary>Sets the response timeout for calls made in this scope; dispose to restore the previous one.</summary>
    public static IDisposable WithTimeout(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        var previous = CurrentTimeout.Value;
        CurrentTimeout.Value = timeout;
        return new Restore(previous);
    }

    private sealed class Restore(TimeSpan? previous) : IDisposable
    {
        public void Dispose() => CurrentTimeout.Value = previous;
    }
}
