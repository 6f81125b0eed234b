namespace GrainCompute.Console.Output;

/// <summary>
/// Items per second and the time left, from (time, items done) samples over the last <see cref="Window"/>: recent
/// enough to follow a job that speeds up (more silos) or slows down, long enough not to jump with each chunk.
/// Not thread-safe: one follower adds, and reads between adds.
/// </summary>
internal sealed class ProgressRate
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private readonly Queue<(TimeSpan At, long Done)> _samples = new();

    /// <summary>Items done at <paramref name="at"/> (any monotonic clock, the same for every sample).</summary>
    public void Add(TimeSpan at, long done)
    {
        _samples.Enqueue((at, done));
        while (_samples.Count > 2 && at - _samples.Peek().At > Window)
        {
            _samples.Dequeue();
        }
    }

    /// <summary>Items a second over the window; null until two samples a moment apart.</summary>
    public double? ItemsPerSecond
    {
        get
        {
            if (_samples.Count < 2)
            {
                return null;
            }

            var (firstAt, firstDone) = _samples.Peek();
            var (lastAt, lastDone) = _samples.Last();
            var seconds = (lastAt - firstAt).TotalSeconds;
            return seconds > 0 ? Math.Max(0, lastDone - firstDone) / seconds : null;
        }
    }

    /// <summary>The time left for <paramref name="total"/> items at the current rate; null while nothing moves.</summary>
    public TimeSpan? Remaining(long total)
    {
        if (ItemsPerSecond is not > 0 || _samples.Count == 0)
        {
            return null;
        }

        var left = Math.Max(0, total - _samples.Last().Done);
        return TimeSpan.FromSeconds(Math.Min(left / ItemsPerSecond.Value, TimeSpan.MaxValue.TotalSeconds / 2));
    }
}
