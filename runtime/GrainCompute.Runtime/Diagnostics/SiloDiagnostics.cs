namespace GrainCompute.Runtime.Diagnostics;

/// <summary>Read-only facts about a silo's insides, for the dashboard.</summary>
public static class SiloDiagnostics
{
    /// <summary>Activations living on this silo now, by grain interface name.</summary>
    public static IReadOnlyDictionary<string, int> ActivationCounts(Hosting.Silo silo) => silo.Catalog.CountByType();

    /// <summary>Calls this silo made that await their response.</summary>
    public static int PendingCalls(Hosting.Silo silo) => silo.PendingCallCount;
}
