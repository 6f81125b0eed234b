using System.Diagnostics.Metrics;

namespace GrainCompute.Runtime.Hosting;

/// <summary>Runtime counters through System.Diagnostics.Metrics (meter "GrainCompute.Runtime"); free when nobody listens.</summary>
internal sealed class SiloMetrics
{
    private static readonly Meter Meter = new("GrainCompute.Runtime");
    private static readonly Counter<long> Calls = Meter.CreateCounter<long>("graincompute.grain.calls", description: "Grain calls made");
    private static readonly Counter<long> Activations = Meter.CreateCounter<long>("graincompute.grain.activations", description: "Activations created");

    private readonly KeyValuePair<string, object?> _silo;

    public SiloMetrics(string siloName) => _silo = new("silo", siloName);

    public void CallMade(bool remote) => Calls.Add(1, _silo, new("remote", remote));

    public void ActivationCreated(Type grainInterface) => Activations.Add(1, _silo, new("grain", grainInterface.Name));
}
