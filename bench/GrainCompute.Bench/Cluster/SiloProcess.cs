using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace GrainCompute.Bench.Cluster;

/// <summary>
/// One graincompute-silo process on a loopback API port, optionally pinned to a core with <c>taskset -c</c>
/// (taskset execs dotnet, so the pid is the silo's and SIGKILL reaches it directly).
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private const int OutputLines = 20;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<SiloProcess, bool> Live = new();
    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private SiloProcess(Process process, Uri api, int? core)
    {
        _process = process;
        Api = api;
        Core = core;
    }

    public Uri Api { get; }

    public int? Core { get; }

    /// <summary>The silo's cluster address, as <c>/health/ready</c> and a job's <c>heldBy</c> name it.</summary>
    public string Address { get; private set; } = "";

    public bool HasExited => _process.HasExited;

    /// <summary>The OS process id, for reading the silo's own CPU time from /proc.</summary>
    public int ProcessId => _process.Id;

    public static Task<SiloProcess> StartAsync(string siloDll, string clusterId, string connectionString, int? core, TimeSpan readyTimeout) =>
        StartAsync(
            siloDll,
            [
                $"--Silo:ClusterId={clusterId}",
                "--Silo:WorkerSlots=1",
                "--Membership:Provider=PostgreSQL",
                $"--Membership:ConnectionString={connectionString}",
            ],
            core,
            readyTimeout);

    /// <summary>
    /// Starts a silo with these settings (<c>--Section:Key=value</c>) on a free loopback API port and silo port, logging
    /// warnings only, and waits until it is ready.
    /// </summary>
    public static async Task<SiloProcess> StartAsync(string siloDll, IEnumerable<string> settings, int? core, TimeSpan readyTimeout)
    {
        var api = new Uri($"http://127.0.0.1:{FreePort()}");
        var info = core is { } c ? new ProcessStartInfo("taskset") { ArgumentList = { "-c", c.ToString(System.Globalization.CultureInfo.InvariantCulture), "dotnet" } } : new ProcessStartInfo("dotnet");
        foreach (var argument in (string[])
        [
            siloDll,
            $"--Api:Urls={api.ToString().TrimEnd('/')}",
            "--Silo:SiloPort=0",
            .. settings,
            "--Logging:LogLevel:Default=Warning",
        ])
        {
            info.ArgumentList.Add(argument);
        }

        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the silo process");
        var silo = new SiloProcess(process, api, core);
        Live[silo] = true;
        process.OutputDataReceived += (_, e) => silo.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(5) };
            await Poll.UntilAsync(async () =>
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"silo process exited with {process.ExitCode} before it was ready: {silo.LastOutput()}");
                }

                try
                {
                    using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                    if (!response.IsSuccessStatusCode)
                    {
                        return false;
                    }

                    var ready = await response.Content.ReadFromJsonAsync<JsonElement>();
                    silo.Address = ready.GetProperty("silo").GetString() ?? "";
                    return silo.Address.Length > 0;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    return false;
                }
            }, "the silo process is ready", readyTimeout);
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }

        return silo;
    }

    /// <summary><c>kill -9</c>: SIGKILL, no shutdown, no goodbye to the membership table.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public string LastOutput()
    {
        lock (_output)
        {
            return string.Join(" | ", _output);
        }
    }

    /// <summary>SIGKILLs every silo process still running: for Ctrl-C, when no finally block will run.</summary>
    public static void KillAll()
    {
        foreach (var silo in Live.Keys)
        {
            try
            {
                silo._process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Live.TryRemove(this, out _);
        _process.Dispose();
    }

    private void Remember(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > OutputLines)
            {
                _output.Dequeue();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
