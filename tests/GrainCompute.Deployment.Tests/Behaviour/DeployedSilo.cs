using System.Diagnostics;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text;
using GrainCompute.Deployment.Tests.Manifests;

namespace GrainCompute.Deployment.Tests.Behaviour;

/// <summary>
/// A graincompute-silo process started the way the Deployment starts one: no arguments, and an environment that
/// is exactly the silo container's (ConfigMap, downward API, Secret), nothing inherited but what `dotnet` itself
/// needs. Substitutions, all things a pod gets from the cluster (the mounted Secrets are below): the Secret's connection string points at
/// the test PostgreSQL (graincompute-postgres does not resolve here), the pod's ports are remapped to free
/// ones, since processes on one host cannot all own 8080 and 11111 as pods can, and Kubernetes hosting is off
/// (there is no API server to watch pods on).
/// </summary>
internal sealed partial class DeployedSilo : IAsyncDisposable
{
    private static readonly string[] Inherited = ["PATH", "HOME", "DOTNET_ROOT", "TMPDIR", "LANG"];

    /// <summary>A folder with ca.crt, silo.crt and silo.key of one development CA, made once per test run and removed at its end.</summary>
    private static readonly Lazy<string> TestCertificates = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("graincompute-deployed-tls-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        using var authority = GrainCompute.Server.Security.DevelopmentCertificates.CreateAuthority("deployment test CA", TimeSpan.FromDays(1));
        GrainCompute.Server.Security.DevelopmentCertificates.WritePem(authority.Authority, folder, "ca");
        using var silo = authority.IssueSilo("graincompute-silo", [], TimeSpan.FromDays(1));
        GrainCompute.Server.Security.DevelopmentCertificates.WritePem(silo, folder, "silo");
        return folder;
    });
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private DeployedSilo(Process process, Uri api, string name, IReadOnlyDictionary<string, string> environment)
    {
        _process = process;
        Api = api;
        Name = name;
        Environment = environment;
        Http = new HttpClient { BaseAddress = api };

        // The overlay's API key, as a client of that cluster would send it (the dev overlay has one: no open doors).
        if (environment.TryGetValue("GRAINCOMPUTE__API__APIKEY", out var key) && key.Length > 0)
        {
            Http.DefaultRequestHeaders.Add("X-Api-Key", key);
        }
    }

    public Uri Api { get; }

    public string Name { get; }

    public IReadOnlyDictionary<string, string> Environment { get; }

    public HttpClient Http { get; }

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<DeployedSilo> StartAsync(Rendered rendered, string podName, string connectionString)
    {
        var environment = await PodEnvironment.ResolveAsync(rendered, "silo", DeploymentPod.Fields(podName));
        var apiPort = new Uri(environment["GRAINCOMPUTE__API__URLS"].Split(';')[0]).Port;
        var siloPort = environment["GRAINCOMPUTE__SILO__SILOPORT"];
        var gatewayPort = environment["GRAINCOMPUTE__SILO__GATEWAYPORT"];
        var (freeApi, freeSilo, freeGateway) = (LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free());
        foreach (var key in environment.Keys.ToList())
        {
            environment[key] = environment[key].Replace($":{apiPort}", $":{freeApi}", StringComparison.Ordinal);
        }

        environment["GRAINCOMPUTE__SILO__SILOPORT"] = environment["GRAINCOMPUTE__SILO__SILOPORT"].Replace(siloPort, freeSilo.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        environment["GRAINCOMPUTE__SILO__GATEWAYPORT"] = environment["GRAINCOMPUTE__SILO__GATEWAYPORT"].Replace(gatewayPort, freeGateway.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        environment["GRAINCOMPUTE__MEMBERSHIP__CONNECTIONSTRING"] = connectionString;

        // Files from mounted Secrets: cluster TLS gets the certificates of one development CA for the whole test
        // run (so production-overlay silos really run mutual TLS with each other); the test PostgreSQL serves no TLS,
        // so the CA that would verify it goes, as the connection string is swapped.
        environment.Remove("GRAINCOMPUTE__MEMBERSHIP__TLSCAPATH");
        if (environment.ContainsKey("GRAINCOMPUTE__CLUSTER__TLS__CERTIFICATEPATH"))
        {
            environment["GRAINCOMPUTE__CLUSTER__TLS__CERTIFICATEPATH"] = Path.Combine(TestCertificates.Value, "silo.crt");
            environment["GRAINCOMPUTE__CLUSTER__TLS__KEYPATH"] = Path.Combine(TestCertificates.Value, "silo.key");
            environment["GRAINCOMPUTE__CLUSTER__TLS__CAPATH"] = Path.Combine(TestCertificates.Value, "ca.crt");
        }

        // No Kubernetes API server here for Orleans' Kubernetes hosting to watch pods on (it would stop the silo after
        // its retries); KubernetesHostingManifestTests checks the manifests turn it on and give it what it needs.
        environment["GRAINCOMPUTE__KUBERNETES__ENABLED"] = "false";

        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "graincompute-silo.dll") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment.Clear();
        foreach (var name in Inherited)
        {
            if (System.Environment.GetEnvironmentVariable(name) is { } value)
            {
                info.Environment[name] = value;
            }
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info)!;
        var silo = new DeployedSilo(process, new Uri($"http://127.0.0.1:{freeApi}"), podName, environment);
        process.OutputDataReceived += (_, line) => silo.Append(line.Data);
        process.ErrorDataReceived += (_, line) => silo.Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Wait.UntilAsync(async () =>
        {
            Assert.False(process.HasExited, $"silo {podName} exited with {(process.HasExited ? process.ExitCode : 0)}:\n{silo.Output}");
            try
            {
                return (await silo.Http.GetAsync("/health/ready")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, $"silo {podName} answers /health/ready", TimeSpan.FromSeconds(60));
        return silo;
    }

    /// <summary>What the kubelet sends first: SIGTERM (Process.Kill would be SIGKILL).</summary>
    public void Terminate() => Assert.True(Kill(_process.Id, 15) == 0, $"kill({_process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"silo {Name} did not exit within {timeout.TotalSeconds} s of SIGTERM:\n{Output}");
        }

        return _process.ExitCode;
    }

    public async Task<JsonElement> ClusterAsync() => await Http.GetFromJsonAsync<JsonElement>("/api/cluster");

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _process.KillTreeAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
