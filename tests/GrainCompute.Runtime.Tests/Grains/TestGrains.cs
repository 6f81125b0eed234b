using GrainCompute.Runtime;

namespace GrainCompute.Runtime.Tests.Grains;

public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Reads, yields, then writes: lost updates show if two calls ever interleave.</summary>
    Task<int> IncrementSlowly();

    Task<int> Get();

    Task<string> WhereAmI();

    Task<byte[]> Echo(byte[] payload);

    Task<Sample> Describe(Sample sample);

    Task Fail(string message);

    Task Hang(int milliseconds);

    Task<int> Activations();
}

public sealed record Sample(string Name, int[] Values, double Ratio);

public sealed class CounterGrain : Grain, ICounterGrain
{
    private static int s_activations;
    private int _count;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref s_activations);
        return Task.CompletedTask;
    }

    public async Task<int> IncrementSlowly()
    {
        var read = _count;
        await Task.Delay(1);
        _count = read + 1;
        return _count;
    }

    public Task<int> Get() => Task.FromResult(_count);

    public Task<string> WhereAmI() => Task.FromResult(RuntimeSilo.ToString());

    public Task<byte[]> Echo(byte[] payload) => Task.FromResult(payload);

    public Task<Sample> Describe(Sample sample) => Task.FromResult(sample with { Name = sample.Name + "!", Ratio = sample.Values.Sum() });

    public Task Fail(string message) => throw new ArgumentOutOfRangeException(nameof(message), message);

    public Task Hang(int milliseconds) => Task.Delay(milliseconds);

    public Task<int> Activations() => Task.FromResult(Volatile.Read(ref s_activations));
}

/// <summary>Records how many of its calls are inside at once, to observe interleaving.</summary>
public interface IOverlapProbe : IGrain
{
    Task<int> Enter(int milliseconds);

    [AlwaysInterleave]
    Task<int> EnterInterleaved(int milliseconds);

    [ReadOnly]
    Task<int> EnterReadOnly(int milliseconds);

    Task<int> MaxInside();
}

public interface IPlainProbe : IOverlapProbe, IGrainWithStringKey;

public interface IReentrantProbe : IOverlapProbe, IGrainWithStringKey;

public abstract class OverlapProbe : Grain, IOverlapProbe
{
    private int _inside;
    private int _maxInside;
    private int _threadsInside;

    public Task<int> Enter(int milliseconds) => Run(milliseconds);

    public Task<int> EnterInterleaved(int milliseconds) => Run(milliseconds);

    public Task<int> EnterReadOnly(int milliseconds) => Run(milliseconds);

    public Task<int> MaxInside() => Task.FromResult(_maxInside);

    private async Task<int> Run(int milliseconds)
    {
        _inside++;
        _maxInside = Math.Max(_maxInside, _inside);
        await Task.Delay(milliseconds);
        // Interleaving at awaits is allowed for some calls; running on two threads at once never is.
        if (Interlocked.Increment(ref _threadsInside) != 1)
        {
            throw new InvalidOperationException("two turns ran in parallel");
        }

        Thread.SpinWait(1000);
        Interlocked.Decrement(ref _threadsInside);
        _inside--;
        return _maxInside;
    }
}

public sealed class PlainProbe : OverlapProbe, IPlainProbe;

[Reentrant]
public sealed class ReentrantProbe : OverlapProbe, IReentrantProbe;

public interface IWorkerGrain : IGrainWithStringKey
{
    Task<string> Work(int milliseconds);
}

[StatelessWorker(3)]
public sealed class WorkerGrain : Grain, IWorkerGrain
{
    public async Task<string> Work(int milliseconds)
    {
        await Task.Delay(milliseconds);
        return RuntimeSilo.ToString();
    }
}

public interface ISpreadWorkerGrain : IGrainWithStringKey
{
    Task<string> Work(int milliseconds);
}

[StatelessWorker(2, Placement = WorkerPlacement.AcrossSilos)]
public sealed class SpreadWorkerGrain : Grain, ISpreadWorkerGrain
{
    public async Task<string> Work(int milliseconds)
    {
        await Task.Delay(milliseconds);
        return RuntimeSilo.ToString();
    }
}

public interface ITimerGrain : IGrainWithIntegerKey
{
    Task Start(int periodMilliseconds);

    Task<int> Ticks();
}

public sealed class TimerGrain : Grain, ITimerGrain
{
    private int _ticks;

    public Task Start(int periodMilliseconds)
    {
        RegisterTimer(_ => { _ticks++; return Task.CompletedTask; }, TimeSpan.FromMilliseconds(periodMilliseconds), TimeSpan.FromMilliseconds(periodMilliseconds));
        return Task.CompletedTask;
    }

    public Task<int> Ticks() => Task.FromResult(_ticks);
}

public interface IRelayGrain : IGrainWithGuidKey
{
    /// <summary>Calls a counter grain from inside a grain: grain-to-grain calls.</summary>
    Task<int> IncrementOther(string counter);
}

public sealed class RelayGrain : Grain, IRelayGrain
{
    public Task<int> IncrementOther(string counter) => GrainFactory.GetGrain<ICounterGrain>(counter).IncrementSlowly();
}
