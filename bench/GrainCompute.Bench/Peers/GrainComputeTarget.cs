using GrainCompute.Bench.Cluster;
using GrainCompute.Client;

namespace GrainCompute.Bench.Peers;

/// <summary>A connected client and what it talks to: its own embedded silo, or a silo process this benchmark started.</summary>
internal sealed class GrainComputeTarget(ComputeClient client, SiloProcess? silo) : IAsyncDisposable
{
    public ComputeClient Client => client;

    /// <summary>Whose memory holds the jobs: this process for an embedded silo (with the client and the rest of the benchmark), else the silo process.</summary>
    public IReadOnlyList<int> MemoryProcesses => silo is null ? [Environment.ProcessId] : [silo.ProcessId];

    /// <summary>One silo in this process, all processors as worker slots (the client's default), reached through its own grain factory (no HTTP).</summary>
    public static async Task<GrainComputeTarget> StartEmbeddedAsync() => new(await ComputeClient.StartLocalAsync(), null);

    /// <summary>A graincompute-silo process as <see cref="StartProcessAsync"/> starts it, reached through its Orleans gateway port (ConnectGatewayAsync).</summary>
    public static async Task<GrainComputeTarget> StartGatewayProcessAsync(string siloDll)
    {
        ThrowUnlessBuilt(siloDll);
        var clusterId = $"peers-gw-{Guid.NewGuid():N}"[..32];
        var gatewayPort = FreePort();
        var silo = await SiloProcess.StartAsync(siloDll, [$"--Silo:ClusterId={clusterId}", $"--Silo:GatewayPort={gatewayPort}", "--Membership:Provider=Development"], core: null, TimeSpan.FromSeconds(60));
        try
        {
            return new(await ComputeClient.ConnectGatewayAsync([$"127.0.0.1:{gatewayPort}"], clusterId), silo);
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    /// <summary>A graincompute-silo process on the Development provider, all processors as worker slots, reached over loopback HTTP.</summary>
    public static async Task<GrainComputeTarget> StartProcessAsync(string siloDll)
    {
        ThrowUnlessBuilt(siloDll);
        // Its own gateway port: the default (30000) would collide with the gateway contender's silo, alive at once.
        var silo = await SiloProcess.StartAsync(siloDll, [$"--Silo:ClusterId=peers-{Guid.NewGuid():N}"[..32], $"--Silo:GatewayPort={FreePort()}", "--Membership:Provider=Development"], core: null, TimeSpan.FromSeconds(60));
        try
        {
            return new(await ComputeClient.ConnectAsync([silo.Api]), silo);
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    private static void ThrowUnlessBuilt(string siloDll)
    {
        if (!File.Exists(siloDll))
        {
            throw new InvalidOperationException($"no silo at {siloDll}: build it with `dotnet build silo/GrainCompute.Silo -c Release`, or pass --silo DLL");
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await client.DisposeAsync();
        if (silo is not null)
        {
            await silo.DisposeAsync();
        }
    }
}
