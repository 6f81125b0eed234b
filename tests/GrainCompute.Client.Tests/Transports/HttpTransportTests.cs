namespace GrainCompute.Client.Tests.Transports;

/// <summary>The contract over the HTTP API of a silo reached through the network (ConnectAsync).</summary>
[Collection(SeparateSiloCollection.Name)]
public sealed class HttpTransportTests(SeparateSiloFixture silo) : TransportContractTests
{
    protected override ComputeClient Client => silo.Http;
}
