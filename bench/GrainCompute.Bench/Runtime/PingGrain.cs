using Orleans.Placement;
using Orleans.Runtime;

namespace GrainCompute.Bench.Runtime;

/// <summary>The smallest useful grain call: one int in, one int out, so the numbers are Orleans' own cost.</summary>
[Alias("GrainCompute.Bench.IPingGrain")]
internal interface IPingGrain : IGrainWithStringKey
{
    [Alias("Ping")]
    Task<int> Ping(int x);

    /// <summary>The silo the activation runs on (parsable address), to check that a grain sits where the scenario needs it.</summary>
    [Alias("WhereAmI")]
    Task<string> WhereAmI();
}

/// <summary>
/// Placed on the silo that first calls it, so a scenario puts its grains on a chosen silo by activating them from
/// there (<see cref="BenchCluster"/>); every later caller, on any silo or a client, reaches that activation.
/// </summary>
[PreferLocalPlacement]
internal sealed class PingGrain(ILocalSiloDetails silo) : Grain, IPingGrain
{
    public Task<int> Ping(int x) => Task.FromResult(x + 1);

    public Task<string> WhereAmI() => Task.FromResult(silo.SiloAddress.ToParsableString());
}
