namespace GrainCompute.Bench.Runtime;

/// <summary>Where a scenario's callers run, relative to the silo that holds the grains they call.</summary>
internal enum BenchCaller
{
    /// <summary>On the grains' own silo, as a silo service would call: Orleans' local path, no network.</summary>
    InSilo,

    /// <summary>On silo 0, calling grains placed on silo 1: Orleans' silo-to-silo TCP on loopback.</summary>
    CrossSilo,

    /// <summary>An Orleans client in this process, connected to the grains' silo through its gateway on loopback.</summary>
    Client,
}
