namespace GrainCompute.Bench.Runtime;

/// <summary>
/// A cluster shape to measure: <paramref name="Silos"/> Orleans silos in this process and <paramref name="Grains"/>
/// grains on the last of them, called from where <paramref name="Caller"/> says (silo 0, or a client on silo 0's gateway).
/// </summary>
internal sealed record ScenarioSetup(string Name, BenchCaller Caller, int Silos, int Grains)
{
    /// <summary>What a call crosses on its way to the grain: the report's "Transport" column.</summary>
    public string TransportName => Caller switch
    {
        BenchCaller.InSilo => "local (no network)",
        BenchCaller.CrossSilo => "TCP loopback",
        BenchCaller.Client => "TCP loopback via gateway",
        _ => throw new ArgumentOutOfRangeException(nameof(Caller), Caller, "unknown caller"),
    };

    /// <summary>Who calls which silo, for the console.</summary>
    public string Shape => Caller switch
    {
        BenchCaller.InSilo => "callers on silo 0, grains on silo 0",
        BenchCaller.CrossSilo => $"callers on silo 0, grains on silo {Silos - 1}",
        BenchCaller.Client => "callers on a client connected to silo 0's gateway, grains on silo 0",
        _ => throw new ArgumentOutOfRangeException(nameof(Caller), Caller, "unknown caller"),
    };

    public bool IsInSilo => Caller == BenchCaller.InSilo;
}
