using System.Collections.Concurrent;

namespace GrainCompute.Bench.Soak;

/// <summary>What the soak's clients saw, counted from many threads.</summary>
internal sealed class SoakTally
{
    private const int ProblemsKept = 20;
    private readonly ConcurrentQueue<string> _problems = new();
    private long _submitted;
    private long _correct;
    private long _wrong;
    private long _failed;
    private long _lost;
    private long _itemsChecked;
    private long _itemsLost;
    private long _itemsDuplicated;

    public long Submitted => Interlocked.Read(ref _submitted);

    /// <summary>Completed with the serial kernel's result (and, for maps, every item once with its serial value).</summary>
    public long Correct => Interlocked.Read(ref _correct);

    /// <summary>Completed with another result than the serial kernel's, or with items wrong.</summary>
    public long Wrong => Interlocked.Read(ref _wrong);

    /// <summary>Ended failed or cancelled: nothing in the soak asks for either, so each is the cluster's failure.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Accepted and then never seen to finish within the patience, or gone (404).</summary>
    public long Lost => Interlocked.Read(ref _lost);

    public long ItemsChecked => Interlocked.Read(ref _itemsChecked);

    public long ItemsLost => Interlocked.Read(ref _itemsLost);

    public long ItemsDuplicated => Interlocked.Read(ref _itemsDuplicated);

    public IReadOnlyList<string> Problems => [.. _problems];

    public void Submit() => Interlocked.Increment(ref _submitted);

    public void Correctly() => Interlocked.Increment(ref _correct);

    public void Items(long checkedItems, long lost, long duplicated)
    {
        Interlocked.Add(ref _itemsChecked, checkedItems);
        Interlocked.Add(ref _itemsLost, lost);
        Interlocked.Add(ref _itemsDuplicated, duplicated);
    }

    public void Wrongly(string why) => Problem(ref _wrong, why);

    public void Failing(string why) => Problem(ref _failed, why);

    public void Losing(string why) => Problem(ref _lost, why);

    private void Problem(ref long counter, string why)
    {
        Interlocked.Increment(ref counter);
        if (_problems.Count < ProblemsKept)
        {
            _problems.Enqueue(why);
        }
    }
}
