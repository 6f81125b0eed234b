namespace GrainCompute.Bench.Runtime;

/// <summary>How the silos of a scenario reach each other.</summary>
internal enum BenchTransport
{
    /// <summary>Pipes inside the process: framing and serialization, no sockets.</summary>
    InMemory,

    /// <summary>Kestrel sockets on loopback.</summary>
    Tcp,
}
