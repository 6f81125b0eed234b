namespace GrainCompute.Client.Tests;

/// <summary>One embedded silo (ComputeClient.StartLocalAsync) shared by the ordinary tests.</summary>
public sealed class LocalClusterFixture : IAsyncLifetime
{
    private ComputeClient? _client;

    public ComputeClient Client => _client ?? throw new InvalidOperationException("the local cluster has not started");

    public async Task InitializeAsync() => _client = await ComputeClient.StartLocalAsync(new LocalClusterOptions { WorkerSlots = 2 });

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class LocalClusterCollection : ICollectionFixture<LocalClusterFixture>
{
    public const string Name = "local cluster";
}
