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

    private static readonly KeyValuePair<string, object?> Remote = new("remote", true);
    private static readonly KeyValuePair<string, object?> Local = new("remote", false);

    public void CallMade(bool remote)
    {
        if (Calls.Enabled)
        {
            Calls.Add(1, _silo, remote ? Remote : Local);
        }
    }

    public void ActivationCreated(Type grainInterface) => Activations.Add(1, _silo, new("grain", grainInterface.Name));
}
