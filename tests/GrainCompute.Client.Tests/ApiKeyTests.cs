namespace GrainCompute.Client.Tests;

/// <summary>An own cluster that requires an API key.</summary>
public sealed class ApiKeyTests : IAsyncLifetime
{
    private const string Key = "test-key-1";
    private ComputeClient? _owner;

    public async Task InitializeAsync() => _owner = await ComputeClient.StartLocalAsync(new LocalClusterOptions { WorkerSlots = 1, ApiKey = Key });

    public async Task DisposeAsync()
    {
        if (_owner is not null)
        {
            await _owner.DisposeAsync();
        }
    }

    [Fact]
    public async Task ConnectAsync_WithoutTheKey_ThrowsUnauthorized()
    {
        var error = await Assert.ThrowsAsync<ComputeApiException>(() => ComputeClient.ConnectAsync([_owner!.Gateway]));

        Assert.Equal(401, error.StatusCode);
    }

    [Fact]
    public async Task ConnectAsync_WithTheKey_CanSubmit()
    {
        await using var client = await ComputeClient.ConnectAsync([_owner!.Gateway], Key);

        var result = await (await client.SubmitAsync("collatz", new { n = 10 })).ResultAsync<int>();

        Assert.Equal(19, result);
    }
}
