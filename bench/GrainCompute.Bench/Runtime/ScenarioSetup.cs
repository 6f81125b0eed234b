namespace GrainCompute.Bench.Runtime;

/// <summary>
/// A cluster shape to measure: <paramref name="Silos"/> silos over <paramref name="Transport"/>; callers run on
/// silo 0 and call <paramref name="Grains"/> grains placed on the last silo (so on silo 0 itself when alone).
/// </summary>
internal sealed record ScenarioSetup(string Name, BenchTransport Transport, int Silos, int Grains)
{
    public string TransportName => Transport == BenchTransport.Tcp ? "TCP loopback" : "in-memory";

    public bool IsInSilo => Silos == 1;
}
