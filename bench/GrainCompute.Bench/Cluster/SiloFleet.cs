using System.Net.Http.Json;
using System.Text.Json;

namespace GrainCompute.Bench.Cluster;

/// <summary>Silo processes that form one cluster: same cluster id, same PostgreSQL membership and job store.</summary>
internal sealed class SiloFleet : IAsyncDisposable
{
    private readonly List<SiloProcess> _silos = [];

    private SiloFleet()
    {
    }

    public IReadOnlyList<SiloProcess> Silos => _silos;

    public IEnumerable<SiloProcess> Running => _silos.Where(s => !s.HasExited);

    /// <summary>
    /// Starts one silo per entry of <paramref name="cores"/> (null: not pinned), one after the other, and waits until
    /// the first one's <c>/api/cluster</c> lists all of them as active.
    /// </summary>
    public static async Task<SiloFleet> StartAsync(string siloDll, string connectionString, IReadOnlyList<int?> cores)
    {
        var fleet = new SiloFleet();
        var clusterId = $"bench-{Guid.NewGuid():N}"[..18];
        try
        {
            foreach (var core in cores)
            {
                fleet._silos.Add(await SiloProcess.StartAsync(siloDll, clusterId, connectionString, core, TimeSpan.FromSeconds(60)));
            }

            using var http = new HttpClient { BaseAddress = fleet._silos[0].Api, Timeout = TimeSpan.FromSeconds(5) };
            await Poll.UntilAsync(async () => await ActiveSilosAsync(http) == cores.Count, $"all {cores.Count} silos are active", TimeSpan.FromSeconds(30));
            return fleet;
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }
    }

    /// <summary>Silos <c>/api/cluster</c> reports as active, or -1 when the silo cannot be asked.</summary>
    public static async Task<int> ActiveSilosAsync(HttpClient http)
    {
        try
        {
            var cluster = await http.GetFromJsonAsync<JsonElement>(new Uri("/api/cluster", UriKind.Relative));
            return cluster.GetProperty("silos").EnumerateArray().Count(s => s.GetProperty("status").GetString() == "active");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return -1;
        }
    }

    public SiloProcess WithAddress(string address) =>
        Running.FirstOrDefault(s => s.Address == address) ?? throw new InvalidOperationException($"no running silo process has address {address}");

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }
    }
}
