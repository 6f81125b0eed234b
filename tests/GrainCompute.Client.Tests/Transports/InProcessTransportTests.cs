namespace GrainCompute.Client.Tests.Transports;

/// <summary>The contract over the embedded silo's own grain factory (StartLocalAsync).</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class InProcessTransportTests(LocalClusterFixture cluster) : TransportContractTests
{
    protected override ComputeClient Client => cluster.Client;
}
