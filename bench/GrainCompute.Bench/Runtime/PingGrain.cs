using GrainCompute.Runtime;

namespace GrainCompute.Bench.Runtime;

/// <summary>The smallest useful grain call: one int in, one int out, so the numbers are the runtime's own cost.</summary>
public interface IPingGrain : IGrainWithStringKey
{
    Task<int> Ping(int x);

    /// <summary>The silo the activation runs on, to pick keys placed on a given silo.</summary>
    Task<string> WhereAmI();
}

public sealed class PingGrain : Grain, IPingGrain
{
    public Task<int> Ping(int x) => Task.FromResult(x + 1);

    public Task<string> WhereAmI() => Task.FromResult(RuntimeSilo.ToString());
}
