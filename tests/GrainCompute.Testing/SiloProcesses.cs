using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace GrainCompute.Testing;

/// <summary>Real silo processes (graincompute-silo) on loopback ports, sharing a PostgreSQL membership and job store.</summary>
public sealed class SiloProcesses : IAsyncDisposable
{
    private readonly List<(Process Process, Uri Api)> _silos = [];
    private readonly Dictionary<Uri, System.Collections.Concurrent.ConcurrentQueue<string>> _output = [];
    private readonly string _clusterId = $"procs-{Guid.NewGuid():N}";
    private readonly string _connectionString;

    public SiloProcesses(string connectionString) => _connectionString = connectionString;

    public string ClusterId => _clusterId;

    public IReadOnlyList<Uri> Gateways => [.. _silos.Where(s => !s.Process.HasExited).Select(s => s.Api)];

    /// <summary>
    /// Starts one more silo of the cluster and returns its API address once it answers /health/ready;
    /// <paramref name="settings"/> (<c>--Section:Key=value</c>) come after, so override, the defaults.
    /// </summary>
    public async Task<Uri> StartAsync(params string[] settings)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (process, api) = Launch(settings);
            using var http = new HttpClient { BaseAddress = api };
            await Wait.UntilAsync(async () =>
            {
                if (process.HasExited)
                {
                    return true;
                }

                try
                {
                    return (await http.GetAsync("/health/ready")).IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, "the silo process is ready", TimeSpan.FromSeconds(30));

            // Exit 3 is "cannot listen": the free port was taken between choosing it and binding it (tests run in parallel).
            if (process.HasExited && process.ExitCode == 3 && attempt < 3)
            {
                continue;
            }

            Assert.False(process.HasExited, $"silo process exited with {(process.HasExited ? process.ExitCode : 0)}");
            return api;
        }
    }

    /// <summary>Starts one more silo without waiting for it to be ready: for a silo the cluster must refuse.</summary>
    public (Process Process, Uri Api) Launch(params string[] settings)
    {
        var api = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}");
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                Path.Combine(AppContext.BaseDirectory, "graincompute-silo.dll"),
                $"--Api:Urls={api.ToString().TrimEnd('/')}",
                "--Silo:SiloPort=0",
                "--Silo:GatewayPort=0",
                $"--Silo:ClusterId={_clusterId}",
                "--Silo:WorkerSlots=1",
                "--Membership:Provider=PostgreSQL",
                $"--Membership:ConnectionString={_connectionString}",
                "--Logging:LogLevel:Default=Warning",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var setting in settings)
        {
            info.ArgumentList.Add(setting);
        }

        var process = Process.Start(info)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _output[api] = output;
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) output.Enqueue(line.Data); };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _silos.Add((process, api));
        return (process, api);
    }

    /// <summary>The lines the silo process at <paramref name="api"/> wrote to stdout so far.</summary>
    public IReadOnlyList<string> OutputOf(Uri api) => [.. _output[api]];

    /// <summary>kill -9 the process whose silo has this address.</summary>
    public async Task KillAsync(string siloAddress)
    {
        foreach (var (process, api) in _silos.Where(s => !s.Process.HasExited))
        {
            using var http = new HttpClient { BaseAddress = api };
            var ready = await http.GetFromJsonAsync<JsonElement>("/health/ready");
            if (ready.GetProperty("silo").GetString() == siloAddress)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                return;
            }
        }

        Assert.Fail($"no running silo process has address {siloAddress}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (process, _) in _silos)
        {
            await process.KillTreeAsync();
            process.Dispose();
        }
    }
}
