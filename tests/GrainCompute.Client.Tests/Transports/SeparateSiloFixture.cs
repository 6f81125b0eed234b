using GrainCompute.Testing;

namespace GrainCompute.Client.Tests.Transports;

/// <summary>
/// A silo host of its own (SiloProcess: Kestrel and Orleans on loopback ports) with a known gateway port and cluster
/// id, and two clients of it over the network: one through its HTTP API, one through Orleans' gateway.
/// </summary>
public sealed class SeparateSiloFixture : IAsyncLifetime
{
    private SiloProcess? _silo;
    private ComputeClient? _http;
    private ComputeClient? _gateway;

    public string ClusterId { get; } = $"transports-{Guid.NewGuid():N}";

    public int GatewayPort { get; } = LoopbackPort.Free();

    public Uri Api => _silo?.Http.BaseAddress ?? throw new InvalidOperationException("the silo has not started");

    public ComputeClient Http => _http ?? throw new InvalidOperationException("the silo has not started");

    public ComputeClient Gateway => _gateway ?? throw new InvalidOperationException("the silo has not started");

    public async Task InitializeAsync()
    {
        _silo = await SiloProcess.StartAsync($"--Silo:GatewayPort={GatewayPort}", $"--Silo:ClusterId={ClusterId}", "--Silo:WorkerSlots=2");
        _http = await ComputeClient.ConnectAsync([Api]);
        _gateway = await ComputeClient.ConnectGatewayAsync([$"127.0.0.1:{GatewayPort}"], ClusterId);
    }

    public async Task DisposeAsync()
    {
        foreach (var client in new[] { _gateway, _http })
        {
            if (client is not null)
            {
                await client.DisposeAsync();
            }
        }

        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SeparateSiloCollection : ICollectionFixture<SeparateSiloFixture>
{
    public const string Name = "separate silo";
}
