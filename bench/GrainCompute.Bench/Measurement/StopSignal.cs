namespace GrainCompute.Bench.Measurement;

/// <summary>Tells closed-loop callers to finish their current call and return; cheaper to poll than a token.</summary>
internal sealed class StopSignal
{
    private volatile bool _set;

    public bool IsSet => _set;

    public void Set() => _set = true;
}
