namespace GrainCompute.Runtime.Membership;

/// <summary>Answers failure-detector probes; one per silo, keyed by the silo address.</summary>
internal interface IProbeGrain : IGrainWithStringKey
{
    Task Ping();
}

[SiloBound]
[Reentrant]
internal sealed class ProbeGrain : Grain, IProbeGrain
{
    public Task Ping() => Task.CompletedTask;
}
