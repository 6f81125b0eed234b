using Microsoft.AspNetCore.Connections;

namespace GrainCompute.Runtime;

/// <summary>
/// How silos reach each other, in Kestrel's connection abstractions: real sockets in a cluster, in-memory
/// pipes in one process. Everything above the transport is the same code.
/// </summary>
public interface ISiloTransport
{
    IConnectionListenerFactory Listeners { get; }

    IConnectionFactory Connections { get; }
}
