using System.Net.Http.Json;
using System.Text.Json;

namespace GrainCompute.Bench.Cluster;

/// <summary>Silo processes that form one cluster: same cluster id, same PostgreSQL membership and job store.</summary>
internal sealed class SiloFleet : IAsyncDisposable
{
    private readonly string _siloDll;
    private readonly string _clusterId;
    private readonly string _connectionString;

    // Replaced whole (never changed in place) when a silo is restarted, so readers on other threads may enumerate it.
    private volatile SiloProcess[] _silos = [];
    private readonly List<SiloProcess> _killed = [];

    private SiloFleet(string siloDll, string clusterId, string connectionString) =>
        (_siloDll, _clusterId, _connectionString) = (siloDll, clusterId, connectionString);

    public IReadOnlyList<SiloProcess> Silos => _silos;

    public IEnumerable<SiloProcess> Running => _silos.Where(s => !s.HasExited);

    /// <summary>
    /// Starts one silo per entry of <paramref name="cores"/> (null: not pinned), one after the other, and waits until
    /// the first one's <c>/api/cluster</c> lists all of them as active.
    /// </summary>
    public static async Task<SiloFleet> StartAsync(string siloDll, string connectionString, IReadOnlyList<int?> cores)
    {
        var fleet = new SiloFleet(siloDll, $"bench-{Guid.NewGuid():N}"[..18], connectionString);
        try
        {
            foreach (var core in cores)
            {
                fleet._silos = [.. fleet._silos, await SiloProcess.StartAsync(siloDll, fleet._clusterId, connectionString, core, TimeSpan.FromSeconds(60))];
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

    /// <summary><c>kill -9</c> of the silo at <paramref name="index"/>, then a new silo process in its place (same core, new ports), once ready.</summary>
    public async Task<(SiloProcess Killed, SiloProcess Started)> KillAndRestartAsync(int index)
    {
        var killed = _silos[index];
        await killed.KillAsync();
        var started = await SiloProcess.StartAsync(_siloDll, _clusterId, _connectionString, killed.Core, TimeSpan.FromSeconds(60));
        var silos = _silos.ToArray();
        silos[index] = started;
        _silos = silos;
        _killed.Add(killed); // disposed with the fleet: a reader may still hold the array that has it
        return (killed, started);
    }

    public SiloProcess WithAddress(string address) =>
        Running.FirstOrDefault(s => s.Address == address) ?? throw new InvalidOperationException($"no running silo process has address {address}");

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos.Concat(_killed))
        {
            await silo.DisposeAsync();
        }
    }
}
