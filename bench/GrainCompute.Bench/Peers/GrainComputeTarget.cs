using GrainCompute.Bench.Cluster;
using GrainCompute.Client;

namespace GrainCompute.Bench.Peers;

/// <summary>A connected client and what it talks to: its own embedded silo, or a silo process this benchmark started.</summary>
internal sealed class GrainComputeTarget(ComputeClient client, SiloProcess? silo) : IAsyncDisposable
{
    public ComputeClient Client => client;

    /// <summary>Whose memory holds the jobs: this process for an embedded silo (with the client and the rest of the benchmark), else the silo process.</summary>
    public IReadOnlyList<int> MemoryProcesses => silo is null ? [Environment.ProcessId] : [silo.ProcessId];

    /// <summary>One silo in this process, all processors as worker slots (the client's default).</summary>
    public static async Task<GrainComputeTarget> StartEmbeddedAsync() => new(await ComputeClient.StartLocalAsync(), null);

    /// <summary>A graincompute-silo process on the Development provider, all processors as worker slots, reached over loopback HTTP.</summary>
    public static async Task<GrainComputeTarget> StartProcessAsync(string siloDll)
    {
        if (!File.Exists(siloDll))
        {
            throw new InvalidOperationException($"no silo at {siloDll}: build it with `dotnet build silo/GrainCompute.Silo -c Release`, or pass --silo DLL");
        }

        var silo = await SiloProcess.StartAsync(siloDll, [$"--Silo:ClusterId=peers-{Guid.NewGuid():N}"[..32], "--Membership:Provider=Development"], core: null, TimeSpan.FromSeconds(60));
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

    public async ValueTask DisposeAsync()
    {
        await client.DisposeAsync();
        if (silo is not null)
        {
            await silo.DisposeAsync();
        }
    }
}
