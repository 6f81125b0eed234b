using GrainCompute.Bench.Cluster;

namespace GrainCompute.Bench.Peers;

/// <summary>
/// The silo process the Python client's column talks to: a graincompute-silo on the Development provider, started
/// on first use and kept for every workload of the run, like the "GrainCompute HTTP" column's. The script learns its
/// address from GRAINCOMPUTE_URL.
/// </summary>
internal sealed class PythonClientSilo(string siloDll) : IAsyncDisposable
{
    private SiloProcess? _silo;

    public async Task<IReadOnlyDictionary<string, string>> EnvironmentAsync()
    {
        if (!File.Exists(siloDll))
        {
            throw new InvalidOperationException($"no silo at {siloDll}: build it with `dotnet build silo/GrainCompute.Silo -c Release`, or pass --silo DLL");
        }

        _silo ??= await SiloProcess.StartAsync(siloDll, [$"--Silo:ClusterId=peers-py-{Guid.NewGuid():N}"[..32], "--Membership:Provider=Development"], core: null, TimeSpan.FromSeconds(60));
        return new Dictionary<string, string> { ["GRAINCOMPUTE_URL"] = _silo.Api.ToString().TrimEnd('/') };
    }

    public async ValueTask DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        _silo = null;
    }
}
